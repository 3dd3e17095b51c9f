package io.realtimestore.voice.stt;

import io.realtimestore.voice.testing.SyntheticSpeech;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real decoder on real (synthetic) speech: the catalog seed's vocabulary, audio from flite and festival made at
 * test time, streamed in 100 ms chunks as the gateway does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PocketSphinxRecognizerTest {

    /** Reused across runs: the model is extracted once. */
    private static final Path MODEL_DIR = Path.of("target", "stt-model");
    private static final int CHUNK = 1600; // 100 ms at 16 kHz
    private static final double MAX_WER = 0.10;

    /** In-domain requests with the seed's real product names, categories and brands, written as spoken. */
    private static final List<String> QUERIES = List.of(
            "show me sleeping bags under two hundred dollars",
            "is the ridgeline two ultralight tent in stock",
            "compare the two cheapest headlamps",
            "do you have anything from terravolt",
            "what is the cheapest power bank",
            "tell me more about the second one",
            "is the trailmaster sixty six handheld gps waterproof",
            "show me waterproof speakers from tidewave audio",
            "do you have kinetra action cameras",
            "how much is the pixelfjord instant camera",
            "compare the first two",
            "thanks that's all");

    @TempDir
    static Path audio;

    private PocketSphinxRecognizer recognizer;
    private long partialNanos;
    private int partialCalls;
    /** finish() is what the shopper waits for after the end of the turn. */
    private long finishNanos;
    private int finishCalls;

    @BeforeAll
    void createRecognizer() throws IOException {
        long rssBefore = residentSetKb();
        long start = System.nanoTime();
        recognizer = PocketSphinxRecognizer.create(MODEL_DIR, 2, SeedCatalog.vocabulary());
        System.out.printf("[stt] create(pool of 2): %d ms (extract or reuse model, build catalog LM, 2 decoders), "
                        + "RSS +%d MB%n", (System.nanoTime() - start) / 1_000_000,
                (residentSetKb() - rssBefore) / 1024);
        assertThat(recognizer.name()).isEqualTo("pocketsphinx (general+catalog LM)");
    }

    @AfterAll
    void closeRecognizer() {
        if (recognizer != null) {
            recognizer.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SyntheticSpeech.class)
    @Order(1)
    void inDomainQueriesStayUnderTenPercentWordErrors(SyntheticSpeech voice) throws Exception {
        List<short[]> clips = QUERIES.parallelStream().map(query -> voice.say(query, audio)).toList();
        WordErrorRate wer = new WordErrorRate();
        double audioSeconds = 0;
        long decodeNanos = 0;
        for (int i = 0; i < QUERIES.size(); i++) {
            long start = System.nanoTime();
            String hypothesis = decode(clips.get(i));
            decodeNanos += System.nanoTime() - start;
            audioSeconds += clips.get(i).length / 16_000.0;
            if (wer.add(QUERIES.get(i), hypothesis) > 0) {
                System.out.printf("[stt] %s: \"%s\" heard as \"%s\"%n", voice, QUERIES.get(i), hypothesis);
            }
        }
        System.out.printf("[stt] %s: WER %.1f %% (%d errors / %d words), RTF %.3f over %.1f s of audio, "
                        + "partial() %.2f ms, finish() %.1f ms on average%n", voice, 100 * wer.rate(), wer.errors(), wer.referenceWords(),
                decodeNanos / 1e9 / audioSeconds, audioSeconds, partialNanos / 1e6 / Math.max(1, partialCalls),
                finishNanos / 1e6 / Math.max(1, finishCalls));
        assertThat(wer.rate()).isLessThanOrEqualTo(MAX_WER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alpenrook", "kinetra"})
    @Order(2)
    void brandMissingFromCmudictIsRecognisedThroughLetterToSound(String brand) {
        // in no dictionary, and no split into two dictionary words: only the letter-to-sound rules can say it
        CmuDictionary cmudict = CmuDictionary.read(SphinxModelFiles.extractTo(MODEL_DIR).dictionary());
        assertThat(cmudict.contains(brand)).isFalse();
        String letterToSound = new LetterToSound().pronounce(brand).orElseThrow();
        assertThat(new DomainPronunciations(cmudict, new LetterToSound()).entriesFor(List.of(brand), Set.of()))
                .containsExactly(new DictionaryEntry(brand, letterToSound));

        String hypothesis = decode(SyntheticSpeech.FLITE_SLT.say("do you have anything from " + brand, audio));

        assertThat(hypothesis).isEqualTo("do you have anything from " + brand);
    }

    @Test
    @Order(3)
    void twoUtterancesOnAPoolOfTwoDecodeConcurrently() throws Exception {
        String first = "compare the two cheapest headlamps";
        String second = "is the ridgeline two ultralight tent in stock";
        short[] firstClip = SyntheticSpeech.FLITE_SLT.say(first, audio);
        short[] secondClip = SyntheticSpeech.FLITE_SLT.say(second, audio);
        CountDownLatch bothStarted = new CountDownLatch(2);
        ExecutorService twoCallers = Executors.newFixedThreadPool(2);
        try {
            Future<String> firstHeard = twoCallers.submit(() -> decodeTogether(firstClip, bothStarted));
            Future<String> secondHeard = twoCallers.submit(() -> decodeTogether(secondClip, bothStarted));

            assertThat(firstHeard.get(30, TimeUnit.SECONDS)).isEqualTo(first);
            assertThat(secondHeard.get(30, TimeUnit.SECONDS)).isEqualTo(second);
        } finally {
            twoCallers.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void aThirdUtteranceIsRefusedWhileBothDecodersAreBusyAndCloseReturnsTheDecoder() throws Exception {
        Utterance first = recognizer.begin(Duration.ofSeconds(5));
        Utterance second = recognizer.begin(Duration.ofSeconds(5));
        long start = System.nanoTime();

        assertThatThrownBy(() -> recognizer.begin(Duration.ofMillis(200))).isInstanceOf(RecognizerBusyException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

        first.accept(new short[CHUNK]); // closed mid-utterance, never finished
        first.close();
        first.close();
        try (Utterance third = recognizer.begin(Duration.ofMillis(200))) {
            for (short[] chunk : chunks(SyntheticSpeech.FLITE_SLT.say("thanks that's all", audio))) {
                third.accept(chunk);
            }
            assertThat(third.finish()).isEqualTo("thanks that's all");
            assertThatThrownBy(() -> third.accept(new short[CHUNK])).isInstanceOf(IllegalStateException.class);
        }
        second.close();
    }

    @Test
    @Order(5)
    void oneDecoderInitialisesInAboutASecond() {
        SphinxModelFiles model = SphinxModelFiles.extractTo(MODEL_DIR);
        DomainLanguageModel domain = DomainLanguageModel.build(SeedCatalog.vocabulary(), 99, model,
                MODEL_DIR.resolve("catalog-lm"));
        long rssBefore = residentSetKb();
        long start = System.nanoTime();
        PocketSphinxDecoder decoder = PocketSphinxDecoder.create(model, domain);
        long initMillis = (System.nanoTime() - start) / 1_000_000;
        long rssGrowthMb = (residentSetKb() - rssBefore) / 1024;
        try {
            start = System.nanoTime();
            domain = DomainLanguageModel.build(SeedCatalog.vocabulary(), 100, model, MODEL_DIR.resolve("catalog-lm"));
            long built = System.nanoTime();
            decoder.install(domain);
            System.out.printf("[stt] one decoder: init %d ms, RSS +%d MB; catalog LM build %d ms, install %d ms%n",
                    initMillis, rssGrowthMb, (built - start) / 1_000_000, (System.nanoTime() - built) / 1_000_000);
        } finally {
            decoder.free();
            domain.deleteFile();
        }
        assertThat(initMillis).isLessThan(5_000);
    }

    @Test
    @Order(6)
    void aNewProductWordIsRecognisedOnceTheVocabularyIsUpdated() throws Exception {
        String request = "is the zorbix trail lantern in stock";
        short[] clip = SyntheticSpeech.FLITE_SLT.say(request, audio);
        assertThat(decode(clip)).doesNotContain("zorbix");
        CatalogVocabulary seed = SeedCatalog.vocabulary();
        assertThat(recognizer.updateVocabulary(seed)).as("an unchanged vocabulary is no update").isDone();
        List<String> names = new ArrayList<>(seed.productNames());
        names.add("Zorbix Trail Lantern");
        CatalogVocabulary withNewProduct = new CatalogVocabulary(names, seed.categories(), seed.brands(), seed.tags());

        long start = System.nanoTime();
        recognizer.updateVocabulary(withNewProduct).get(60, TimeUnit.SECONDS);
        System.out.printf("[stt] vocabulary update (build + install into 2 decoders): %d ms%n",
                (System.nanoTime() - start) / 1_000_000);

        assertThat(decode(clip)).contains("zorbix");
        assertThat(decode(clip)).as("the second decoder has it too").contains("zorbix");
    }

    private String decode(short[] pcm) {
        try (Utterance utterance = recognizer.begin(Duration.ofSeconds(10))) {
            List<short[]> chunks = chunks(pcm);
            for (int i = 0; i < chunks.size(); i++) {
                utterance.accept(chunks.get(i));
                if (i % 3 == 2) {
                    long start = System.nanoTime();
                    utterance.partial(); // as the gateway does every ~300 ms
                    partialNanos += System.nanoTime() - start;
                    partialCalls++;
                }
            }
            long start = System.nanoTime();
            String hypothesis = utterance.finish();
            finishNanos += System.nanoTime() - start;
            finishCalls++;
            return hypothesis;
        } catch (RecognizerBusyException e) {
            throw new AssertionError(e);
        }
    }

    private String decodeTogether(short[] pcm, CountDownLatch bothStarted) {
        try (Utterance utterance = recognizer.begin(Duration.ofSeconds(10))) {
            bothStarted.countDown();
            assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();
            for (short[] chunk : chunks(pcm)) {
                utterance.accept(chunk);
            }
            return utterance.finish();
        } catch (RecognizerBusyException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<short[]> chunks(short[] pcm) {
        List<short[]> chunks = new ArrayList<>();
        for (int offset = 0; offset < pcm.length; offset += CHUNK) {
            chunks.add(Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + CHUNK)));
        }
        return chunks;
    }

    private static long residentSetKb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }
}
