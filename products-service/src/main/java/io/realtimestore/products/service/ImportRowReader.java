package io.realtimestore.products.service;

import java.io.Closeable;

/** Streams rows out of an import body one at a time, so a file of any size is read in constant memory. */
interface ImportRowReader extends Closeable {

    /** The next row, or null at the end of the input. */
    ImportRow next();
}
