/*
 * wakeprobe: how late threads wake up on this machine under a load shape of your choosing, with no gateway, JVM or
 * network involved. Each of THREADS threads repeats: compute for BUSY_US, sleep IDLE_US (nanosleep), and records how
 * much later than IDLE_US it woke. At the end each thread prints its wake-up lateness percentiles and how often it ran
 * on CPU 0. With "pin", thread i is kept on CPU i % 2 (the machine's scheduler then cannot move it).
 *
 *   cc -O2 -pthread -o benchmarks/gateway/work/wakeprobe benchmarks/gateway/native/wakeprobe.c
 *   benchmarks/gateway/work/wakeprobe 3 240 260 10        # ~ the 500-session demand: 1.45 CPUs in three threads
 *   benchmarks/gateway/work/wakeprobe 1 50 950 10         # one lightly loaded thread: the machine's floor
 *
 * Compare machines, or hours on one machine, with it; what this one measured is in benchmarks/gateway/README.md,
 * "The machine's own delays".
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long busy_ns, idle_ns, run_ns;
static int pin;

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static int by_value(const void *a, const void *b) {
    long x = *(const long *) a, y = *(const long *) b;
    return x < y ? -1 : x > y;
}

static double percentile_ms(const long *sorted, long n, double p) {
    long i = (long) (p / 100 * n + 0.999999) - 1;
    if (i < 0) i = 0;
    if (i >= n) i = n - 1;
    return sorted[i] / 1e6;
}

static void *cycle(void *arg) {
    long id = (long) arg;
    if (pin) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(id % 2, &set);
        pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    }
    long capacity = run_ns / (busy_ns + idle_ns) + 16, n = 0, on_cpu0 = 0;
    long *late = malloc(capacity * sizeof *late);
    if (late == NULL) return NULL;
    long end = now_ns() + run_ns;
    while (n < capacity && now_ns() < end) {
        long start = now_ns();
        while (now_ns() - start < busy_ns) {
        }
        if (sched_getcpu() == 0) on_cpu0++;
        struct timespec nap = {idle_ns / 1000000000L, idle_ns % 1000000000L};
        long slept = now_ns();
        nanosleep(&nap, NULL);
        late[n++] = now_ns() - slept - idle_ns;
    }
    qsort(late, n, sizeof *late, by_value);
    printf("thread %ld: %ld cycles; woke late by p50 %.3f, p99 %.3f, p99.9 %.3f, max %.3f ms; on CPU 0 %.0f %% of cycles\n",
           id, n, percentile_ms(late, n, 50), percentile_ms(late, n, 99), percentile_ms(late, n, 99.9),
           n ? late[n - 1] / 1e6 : 0.0, n ? 100.0 * on_cpu0 / n : 0.0);
    free(late);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: wakeprobe THREADS BUSY_US IDLE_US SECONDS [pin]\n");
        return 2;
    }
    int threads = atoi(argv[1]);
    busy_ns = atol(argv[2]) * 1000L;
    idle_ns = atol(argv[3]) * 1000L;
    run_ns = (long) (atof(argv[4]) * 1e9);
    pin = argc > 5 && strcmp(argv[5], "pin") == 0;
    if (threads < 1 || threads > 64 || busy_ns < 0 || idle_ns <= 0 || run_ns <= 0) {
        fprintf(stderr, "wakeprobe: THREADS 1-64, BUSY_US >= 0, IDLE_US > 0, SECONDS > 0\n");
        return 2;
    }
    pthread_t t[64];
    for (long i = 0; i < threads; i++) pthread_create(&t[i], NULL, cycle, (void *) i);
    for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
    return 0;
}
