package io.realtimestore.console.audio;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * Java Sound lines without hardware (this machine has none): a microphone that "captures" a tone at the pace of a
 * real device, and a speaker that counts what it was given. Made with dynamic proxies: only the few methods the
 * console calls do anything.
 */
final class FakeLines {

    private FakeLines() {
    }

    /** A microphone at {@code rate} delivering a 1 kHz tone in real time; {@code reads} counts its blocks. */
    static TargetDataLine microphone(int rate, AtomicLong reads) {
        AtomicLong frames = new AtomicLong();
        return (TargetDataLine) Proxy.newProxyInstance(FakeLines.class.getClassLoader(), new Class<?>[] {TargetDataLine.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getFormat" -> Pcm16.format(rate);
                    case "read" -> {
                        byte[] buffer = (byte[]) args[0];
                        int length = (int) args[2];
                        Thread.sleep(length / 2 * 1000L / rate); // a device hands over a block once it is captured
                        for (int i = 0; i < length / 2; i++) {
                            long n = frames.getAndIncrement();
                            short value = (short) (8000 * Math.sin(2 * Math.PI * 1000 * n / rate));
                            buffer[(int) args[1] + 2 * i] = (byte) value;
                            buffer[(int) args[1] + 2 * i + 1] = (byte) (value >> 8);
                        }
                        reads.incrementAndGet();
                        yield length;
                    }
                    default -> defaultValue(method.getReturnType());
                });
    }

    /** A speaker at {@code rate} that takes everything at once and reports {@code position} frames as played. */
    static SourceDataLine speaker(int rate, AtomicLong bytesWritten, AtomicLong position, AtomicLong flushes) {
        return (SourceDataLine) Proxy.newProxyInstance(FakeLines.class.getClassLoader(), new Class<?>[] {SourceDataLine.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getFormat" -> Pcm16.format(rate);
                    case "write" -> {
                        bytesWritten.addAndGet((int) args[2]);
                        yield args[2];
                    }
                    case "getLongFramePosition" -> position.get();
                    case "flush" -> {
                        flushes.incrementAndGet();
                        yield null;
                    }
                    default -> defaultValue(method.getReturnType());
                });
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class || type == long.class || type == float.class) {
            return type == int.class ? (Object) 0 : type == long.class ? (Object) 0L : (Object) 0f;
        }
        return null;
    }
}
