/**
 * Offline speech-to-text for the shopping assistant.
 *
 * <p>{@link io.realtimestore.voice.stt.SpeechRecognizer} is the contract; {@link
 * io.realtimestore.voice.stt.PocketSphinxRecognizer} implements it with PocketSphinx (Debian {@code libpocketsphinx3},
 * called through JNA) and the en-us model from the {@code sphinx4-data} jar. Its language model interpolates the
 * general English LM with a trigram LM generated from the live catalog ({@link
 * io.realtimestore.voice.stt.CatalogVocabulary}): product names, brands, categories and tags in shopping-request
 * templates, with pronunciations from cmudict, compounds of cmudict words, or letter-to-sound rules for invented brand
 * names.
 */
package io.realtimestore.voice.stt;
