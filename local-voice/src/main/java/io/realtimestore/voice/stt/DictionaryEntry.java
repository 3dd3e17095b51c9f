package io.realtimestore.voice.stt;

/**
 * One pronunciation to add to a decoder's dictionary.
 *
 * @param word   the dictionary key: the word, or "word(2)", "word(3)" for alternative pronunciations
 * @param phones space-separated phones of the en-us acoustic model, e.g. "T EH R AH V OW L T"
 */
record DictionaryEntry(String word, String phones) {
}
