/*
 * gwload: the gateway benchmark's client sessions and echo upstream in one C thread (epoll, no allocation per frame),
 * driven by GatewayBenchmark.java over stdin/stdout (`--generator native`). It does what the Vert.x data plane of
 * GatewayBenchmark.java does, frame for frame, for a fraction of the CPU: on a 2-core machine the generator competes
 * with the gateway it measures, so the less it needs, the more the figures are the gateway's.
 *
 * Commands, one per line on stdin; one reply line each on stdout:
 *   open PHASE N CONCURRENCY PORT PATH TIMEOUT_S [HEADER_NAME HEADER_VALUE]...
 *                       -> "opened OPENED READY FAILED CLOSED FIRST_ERROR" once every handshake has ended and every open
 *                          session has its session.created (or the timeout passed)
 *   stream T0 WINDOW_START WINDOW_END   (CLOCK_MONOTONIC nanoseconds, the clock of Java's System.nanoTime)
 *                       -> "ok"; session i sends its first frame at T0 + i * 20 ms / N, then one every 20 ms
 *   sample              -> "sample ECHO_APPENDS CLIENT_DELTAS"
 *   counts              -> "counts SENT_IN_WINDOW RECEIVED_IN_WINDOW_OR_OUT_OF_ORDER"
 *   stop                -> "stats {json}": the phase's client figures; streaming stops
 *   close TIMEOUT_S     -> "closed CLOSED BY_REMOTE FIRST_REMOTE_CLOSE" once every session is closed (or the timeout)
 *   echo                -> "echo OPEN CONNECTIONS APPENDS DELTAS SESSION_UPDATES OTHERS|LAST_HANDSHAKE"
 *   quit
 * Started as: gwload ECHO_PORT (the echo upstream listens on 127.0.0.1:ECHO_PORT; prints "listening PORT").
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/sha.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define FRAME_NANOS 20000000LL
#define PCM_BYTES 960
#define HEADER_BYTES 24
#define HEADER_CHARS 32
#define MAGIC 0x47574231
#define MAX_FDS 65536
#define SUB_BITS 8
#define SUB (1 << SUB_BITS)
#define BUCKETS (SUB + (63 - SUB_BITS) * SUB)

static const char APPEND_PREFIX[] = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"";
static const char DELTA_HEAD[] = "{\"type\":\"response.output_audio.delta\",\"event_id\":\"evt_";
static const char DELTA_MIDDLE[] = "\",\"response_id\":\"resp_echo\",\"item_id\":\"item_echo\",\"output_index\":0,"
                                   "\"content_index\":0,\"delta\":\"";
static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void die(const char *what) { fprintf(stderr, "gwload: %s: %s\n", what, strerror(errno)); exit(1); }

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t) t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* ---------------------------------------------------------------- byte buffers */

typedef struct { char *p; size_t len, cap; } buf_t;

static void buf_reserve(buf_t *b, size_t more) {
    if (b->len + more <= b->cap) return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more) cap *= 2;
    if (!(b->p = realloc(b->p, cap))) die("out of memory");
    b->cap = cap;
}
static void buf_add(buf_t *b, const void *p, size_t n) { buf_reserve(b, n); memcpy(b->p + b->len, p, n); b->len += n; }
static void buf_str(buf_t *b, const char *s) { buf_add(b, s, strlen(s)); }
static void buf_fmt(buf_t *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    buf_reserve(b, (size_t) n + 1);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t) n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t) n;
}
static void buf_drop(buf_t *b, size_t n) { memmove(b->p, b->p + n, b->len - n); b->len -= n; }

/* ---------------------------------------------------------------- base64 and the histogram (as GatewayBenchmark's) */

static size_t b64_encode(const unsigned char *in, size_t n, char *out) {
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t) in[i] << 16 | (i + 1 < n ? (uint32_t) in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);
        out[o++] = B64[v >> 18 & 63];
        out[o++] = B64[v >> 12 & 63];
        out[o++] = i + 1 < n ? B64[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? B64[v & 63] : '=';
    }
    return o;
}

static int b64_value(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decodes exactly 32 characters (24 bytes, no padding); 0 when they are not base64. */
static int b64_header(const char *in, unsigned char *out) {
    for (int i = 0, o = 0; i < HEADER_CHARS; i += 4) {
        int a = b64_value(in[i]), b = b64_value(in[i + 1]), c = b64_value(in[i + 2]), d = b64_value(in[i + 3]);
        if ((a | b | c | d) < 0) return 0;
        uint32_t v = (uint32_t) a << 18 | (uint32_t) b << 12 | (uint32_t) c << 6 | (uint32_t) d;
        out[o++] = v >> 16;
        out[o++] = v >> 8;
        out[o++] = v;
    }
    return 1;
}

typedef struct { int64_t counts[BUCKETS]; int64_t total, max; } histogram_t;

static int hist_index(int64_t v) {
    if (v < SUB) return (int) v;
    int e = 63 - __builtin_clzll((unsigned long long) v);
    return SUB + (e - SUB_BITS) * SUB + (int) ((v >> (e - SUB_BITS)) - SUB);
}
static void hist_record(histogram_t *h, int64_t micros) {
    int64_t v = micros < 0 ? 0 : micros;
    h->counts[hist_index(v)]++;
    h->total++;
    if (v > h->max) h->max = v;
}
static void hist_json(buf_t *b, const histogram_t *h) {
    buf_fmt(b, "{\"total\":%lld,\"max\":%lld,\"buckets\":[", (long long) h->total, (long long) h->max);
    int first = 1;
    for (int i = 0; i < BUCKETS; i++) {
        if (!h->counts[i]) continue;
        buf_fmt(b, "%s[%d,%lld]", first ? "" : ",", i, (long long) h->counts[i]);
        first = 0;
    }
    buf_str(b, "]}");
}

static void put_int(unsigned char *b, uint32_t v) { b[0] = v >> 24; b[1] = v >> 16; b[2] = v >> 8; b[3] = v; }
static uint32_t get_int(const unsigned char *b) { return (uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 | (uint32_t) b[2] << 8 | b[3]; }

/* ---------------------------------------------------------------- JSON: the few fields read from events */

/* Where the string value of the first "key" in m[0, len) starts (past its opening quote), or -1. */
static long value_start(const char *m, size_t len, const char *key) {
    size_t k = strlen(key);
    const char *end = m + len;
    for (const char *p = m; (p = memmem(p, (size_t) (end - p), key, k)) != NULL; p += k) {
        if (p == m || p[-1] != '"' || p + k >= end || p[k] != '"') continue;
        const char *v = p + k + 1;
        while (v < end && (*v == ' ' || *v == ':' || *v == '\t' || *v == '\n' || *v == '\r')) v++;
        if (v < end && *v == '"') return v + 1 - m;
    }
    return -1;
}

static int value_is(const char *m, size_t len, long at, const char *value) {
    size_t n = strlen(value);
    return at >= 0 && (size_t) at + n < len && memcmp(m + at, value, n) == 0 && m[at + n] == '"';
}

/* ---------------------------------------------------------------- connections */

enum role { CLIENT, ECHO };
enum state { CONNECTING, HANDSHAKE, OPEN, CLOSING, DONE };

typedef struct conn {
    int fd, role, state, want_out;
    buf_t in, out, msg;
    int msg_text, in_msg;
    /* client session */
    int index, ready, streaming, closing, counted_in_flight;
    int32_t seq, last_seq;
    int64_t next_due;
    /* echo */
    uint64_t events;
} conn_t;

static int ep;
static conn_t *conns[MAX_FDS];

/* the current phase of client sessions */
static struct {
    int id, n, concurrency, port, started, in_flight, opened, failed, ready, closed, by_remote;
    int open_reply_due, close_reply_due;
    int64_t open_deadline, close_deadline, t0, window_start, window_end;
    char path[512], headers[4096], first_error[512], first_remote_close[256];
    conn_t **sessions;
    /* figures */
    int64_t sent_window, recv_window, sent_total, recv_total, out_of_order, misrouted, stale, unrecognised, binary,
            backlogged, deltas;
    histogram_t latency, lateness;
    char event_names[64][96];
    int64_t event_counts[64];
    int event_types;
    char first_error_event[512];
} ph;

static struct {
    int64_t open, connections, appends, deltas, session_updates, others;
    char last_handshake[2048];
} echo;

static char template_event[4096];
static size_t template_len, header_at;

static void watch(conn_t *c, int out) {
    struct epoll_event e = { .events = EPOLLIN | (out ? EPOLLOUT : 0), .data.fd = c->fd };
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e) < 0) die("epoll_ctl");
    c->want_out = out;
}

static void conn_free(conn_t *c) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    conns[c->fd] = NULL;
    free(c->in.p);
    free(c->out.p);
    free(c->msg.p);
    if (c->role == ECHO) echo.open--;
    free(c);
}

/* Sends what the connection has queued, then data; queues what the socket does not take now. */
static void send_bytes(conn_t *c, const char *data, size_t n) {
    if (c->out.len == 0) {
        ssize_t w = send(c->fd, data, n, MSG_NOSIGNAL);
        if (w < 0 && errno != EAGAIN) return; /* the reader sees the error or EOF */
        if (w < 0) w = 0;
        data += w;
        n -= (size_t) w;
        if (n == 0) return;
    }
    buf_add(&c->out, data, n);
    if (!c->want_out) watch(c, 1);
}

static void flush_out(conn_t *c) {
    while (c->out.len) {
        ssize_t w = send(c->fd, c->out.p, c->out.len, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EAGAIN) return;
            c->out.len = 0;
            break;
        }
        buf_drop(&c->out, (size_t) w);
    }
    watch(c, 0);
}

/* One WebSocket frame; masked (with a fresh key) when the client sends it, as RFC 6455 requires. */
static void send_frame(conn_t *c, int opcode, const char *payload, size_t n) {
    static buf_t f;
    f.len = 0;
    int masked = c->role == CLIENT;
    unsigned char h[14];
    size_t hl = 0;
    h[hl++] = 0x80 | opcode;
    if (n < 126) h[hl++] = (masked ? 0x80 : 0) | n;
    else if (n < 65536) { h[hl++] = (masked ? 0x80 : 0) | 126; h[hl++] = n >> 8; h[hl++] = n; }
    else { h[hl++] = (masked ? 0x80 : 0) | 127; for (int i = 7; i >= 0; i--) h[hl++] = (unsigned char) ((uint64_t) n >> (8 * i)); }
    buf_add(&f, h, hl);
    if (masked) {
        uint32_t key = (uint32_t) random();
        unsigned char k[4];
        put_int(k, key);
        buf_add(&f, k, 4);
        buf_reserve(&f, n);
        char *o = f.p + f.len;
        for (size_t i = 0; i < n; i++) o[i] = payload[i] ^ k[i & 3];
        f.len += n;
    } else {
        buf_add(&f, payload, n);
    }
    send_bytes(c, f.p, f.len);
}

static void text(conn_t *c, const char *s) { send_frame(c, 1, s, strlen(s)); }

/* ---------------------------------------------------------------- the echo upstream */

static void echo_message(conn_t *c, const char *m, size_t len) {
    long t = value_start(m, len, "type");
    if (value_is(m, len, t, "input_audio_buffer.append")) {
        echo.appends++;
        long a = value_start(m, len, "audio");
        const char *e = a < 0 ? NULL : memchr(m + a, '"', len - (size_t) a);
        if (!e) return;
        static buf_t d;
        d.len = 0;
        buf_str(&d, DELTA_HEAD);
        buf_fmt(&d, "%llu", (unsigned long long) ++c->events);
        buf_str(&d, DELTA_MIDDLE);
        buf_add(&d, m + a, (size_t) (e - (m + a)));
        buf_str(&d, "\"}");
        send_frame(c, 1, d.p, d.len);
        echo.deltas++;
    } else if (value_is(m, len, t, "session.update")) {
        echo.session_updates++;
        char s[512];
        snprintf(s, sizeof s, "{\"type\":\"session.updated\",\"event_id\":\"evt_%llu\",\"session\":{\"type\":\"realtime\","
                 "\"object\":\"realtime.session\",\"id\":\"sess_echo%d\",\"model\":\"echo\"}}", (unsigned long long) ++c->events, c->fd);
        text(c, s);
    } else {
        echo.others++;
    }
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *) a, *(char *const *) b); }

/* The upgrade request: answer 101 with the accept key, note the header names, send session.created. */
static int echo_handshake(conn_t *c) {
    char *end = memmem(c->in.p, c->in.len, "\r\n\r\n", 4);
    if (!end) return 0;
    size_t head = (size_t) (end - c->in.p) + 4;
    char *req = strndup(c->in.p, head);
    buf_drop(&c->in, head);
    char key[128] = "", *names[64];
    int count = 0;
    char *line = strstr(req, "\r\n");
    char uri[512] = "";
    sscanf(req, "GET %511s", uri);
    while (line && (line += 2) < req + head && *line != '\r') {
        char *colon = strchr(line, ':'), *eol = strstr(line, "\r\n");
        if (!colon || !eol || colon > eol) break;
        *colon = 0;
        for (char *p = line; *p; p++) *p = (char) tolower((unsigned char) *p);
        if (strcmp(line, "sec-websocket-key") == 0) {
            char *v = colon + 1;
            while (*v == ' ') v++;
            snprintf(key, sizeof key, "%.*s", (int) (eol - v), v);
        }
        if (count < 64) names[count++] = line;
        line = eol;
        *eol = 0;
    }
    qsort(names, (size_t) count, sizeof *names, by_name);
    int at = snprintf(echo.last_handshake, sizeof echo.last_handshake, "GET %s with headers ", uri);
    for (int i = 0; i < count && at < (int) sizeof echo.last_handshake; i++) {
        if (i > 0 && strcmp(names[i], names[i - 1]) == 0) continue;
        at += snprintf(echo.last_handshake + at, sizeof echo.last_handshake - (size_t) at, "%s%s", i ? ", " : "", names[i]);
    }
    char both[256];
    unsigned char digest[SHA_DIGEST_LENGTH];
    snprintf(both, sizeof both, "%s258EAFA5-E914-47DA-95CA-C5AB0DC85B11", key);
    SHA1((unsigned char *) both, strlen(both), digest);
    char accept[64];
    accept[b64_encode(digest, SHA_DIGEST_LENGTH, accept)] = 0;
    char reply[256];
    snprintf(reply, sizeof reply, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Accept: %s\r\n\r\n", accept);
    send_bytes(c, reply, strlen(reply));
    free(req);
    c->state = OPEN;
    char created[512];
    snprintf(created, sizeof created, "{\"type\":\"session.created\",\"event_id\":\"evt_%llu\",\"session\":{\"type\":\"realtime\","
             "\"object\":\"realtime.session\",\"id\":\"sess_echo%lld\",\"model\":\"echo\"}}", (unsigned long long) ++c->events,
             (long long) echo.connections);
    text(c, created);
    return 1;
}

/* ---------------------------------------------------------------- the client sessions */

static void count_event(const char *type, size_t n) {
    char name[96];
    snprintf(name, sizeof name, "%.*s", (int) (n > 90 ? 90 : n), type);
    for (int i = 0; i < ph.event_types; i++) {
        if (strcmp(ph.event_names[i], name) == 0) { ph.event_counts[i]++; return; }
    }
    if (ph.event_types < 64) {
        strcpy(ph.event_names[ph.event_types], name);
        ph.event_counts[ph.event_types++] = 1;
    }
}

static void client_delta(conn_t *c, const char *m, size_t len) {
    ph.deltas++;
    int64_t now = now_ns();
    long d = value_start(m, len, "delta");
    unsigned char h[HEADER_BYTES];
    if (d < 0 || (size_t) d + HEADER_CHARS > len || !b64_header(m + d, h)) { ph.unrecognised++; return; }
    int32_t seq = (int32_t) get_int(h + 8);
    if (get_int(h) != MAGIC) ph.unrecognised++;
    else if ((int) get_int(h + 12) != ph.id) ph.stale++;
    else if ((int) get_int(h + 4) != c->index) ph.misrouted++;
    else if (seq <= c->last_seq) ph.out_of_order++;
    else {
        c->last_seq = seq;
        ph.recv_total++;
        int64_t sent = (int64_t) ((uint64_t) get_int(h + 16) << 32 | get_int(h + 20));
        if (sent >= ph.window_start && sent < ph.window_end) {
            ph.recv_window++;
            hist_record(&ph.latency, (now - sent) / 1000);
        }
    }
}

static void client_message(conn_t *c, const char *m, size_t len) {
    long t = value_start(m, len, "type");
    if (value_is(m, len, t, "response.output_audio.delta")) { client_delta(c, m, len); return; }
    const char *e = t < 0 ? NULL : memchr(m + t, '"', len - (size_t) t);
    if (!e) { count_event("(no type)", 9); return; }
    count_event(m + t, (size_t) (e - (m + t)));
    if (value_is(m, len, t, "session.created") && !c->ready) {
        c->ready = 1;
        ph.ready++;
    } else if (value_is(m, len, t, "error") && !ph.first_error_event[0]) {
        snprintf(ph.first_error_event, sizeof ph.first_error_event, "%.*s", (int) (len > 400 ? 400 : len), m);
    }
}

static void handshake_ended(conn_t *c) {
    if (c->counted_in_flight) { c->counted_in_flight = 0; ph.in_flight--; }
}

static void connect_failed(conn_t *c, const char *why) {
    ph.failed++;
    if (!ph.first_error[0]) snprintf(ph.first_error, sizeof ph.first_error, "%s", why);
    handshake_ended(c);
    ph.sessions[c->index] = NULL;
    conn_free(c);
}

static int client_handshake(conn_t *c) {
    char *end = memmem(c->in.p, c->in.len, "\r\n\r\n", 4);
    if (!end) return 0;
    size_t head = (size_t) (end - c->in.p) + 4;
    if (c->in.len < 12 || memcmp(c->in.p, "HTTP/1.1 101", 12) != 0) {
        char why[300];
        char *eol = memmem(c->in.p, head, "\r\n", 2);
        snprintf(why, sizeof why, "handshake rejected: %.*s", (int) (eol ? eol - c->in.p : 40), c->in.p);
        connect_failed(c, why);
        return -1;
    }
    buf_drop(&c->in, head);
    c->state = OPEN;
    ph.opened++;
    handshake_ended(c);
    return 1;
}

static void start_connect(int index) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0 || fd >= MAX_FDS) die("socket");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t) ph.port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    conn_t *c = calloc(1, sizeof *c);
    c->fd = fd;
    c->role = CLIENT;
    c->state = CONNECTING;
    c->index = index;
    c->last_seq = -1;
    c->counted_in_flight = 1;
    conns[fd] = c;
    ph.sessions[index] = c;
    ph.in_flight++;
    struct epoll_event e = { .events = EPOLLIN | EPOLLOUT, .data.fd = fd };
    c->want_out = 1;
    if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) < 0) die("epoll_ctl");
    if (connect(fd, (struct sockaddr *) &a, sizeof a) < 0 && errno != EINPROGRESS) {
        char why[200];
        snprintf(why, sizeof why, "connect: %s", strerror(errno));
        connect_failed(c, why);
    }
}

static void send_request(conn_t *c) {
    char req[8192];
    snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Key: Z3dsb2FkLWJlbmNobWFyaw==\r\nSec-WebSocket-Version: 13\r\n%s\r\n", ph.path, ph.port, ph.headers);
    c->state = HANDSHAKE;
    watch(c, 0);
    send_bytes(c, req, strlen(req));
}

/* Sends the append event with the header (magic, session, seq, phase, now) written over the first 24 PCM bytes. */
static int64_t send_append(conn_t *c) {
    unsigned char h[HEADER_BYTES];
    put_int(h, MAGIC);
    put_int(h + 4, (uint32_t) c->index);
    put_int(h + 8, (uint32_t) c->seq++);
    put_int(h + 12, (uint32_t) ph.id);
    int64_t now = now_ns();
    put_int(h + 16, (uint32_t) ((uint64_t) now >> 32));
    put_int(h + 20, (uint32_t) now);
    b64_encode(h, HEADER_BYTES, template_event + header_at);
    if (c->out.len) ph.backlogged++;
    send_frame(c, 1, template_event, template_len);
    return now;
}

static void tick(void) {
    int64_t now = now_ns();
    for (int i = 0; i < ph.n; i++) {
        conn_t *s = ph.sessions[i];
        while (s && s->streaming && s->next_due <= now) {
            if (s->next_due >= ph.window_end || s->state != OPEN) { s->streaming = 0; break; }
            int64_t sent = send_append(s);
            ph.sent_total++;
            if (sent >= ph.window_start && sent < ph.window_end) {
                ph.sent_window++;
                hist_record(&ph.lateness, (sent - s->next_due) / 1000);
            }
            s->next_due += FRAME_NANOS;
        }
    }
}

/* ---------------------------------------------------------------- frames in */

static void closed_session(conn_t *c, int remote, int code, const char *reason, size_t reason_len) {
    if (c->role == CLIENT) {
        if (c->state == CONNECTING || c->state == HANDSHAKE) { connect_failed(c, "connection closed during the handshake"); return; }
        if (remote && !c->closing) {
            ph.by_remote++;
            if (!ph.first_remote_close[0]) {
                snprintf(ph.first_remote_close, sizeof ph.first_remote_close, "close code %d reason '%.*s'", code,
                         (int) (reason_len > 120 ? 120 : reason_len), reason);
            }
        }
        ph.closed++;
        if (ph.sessions && c->index < ph.n && ph.sessions[c->index] == c) ph.sessions[c->index] = NULL;
    }
    conn_free(c);
}

/* Reads whole frames from c->in; returns 0 when the connection is gone. */
static int read_frames(conn_t *c) {
    size_t at = 0;
    while (c->in.len - at >= 2) {
        unsigned char *p = (unsigned char *) c->in.p + at;
        size_t avail = c->in.len - at, hl = 2;
        int fin = p[0] & 0x80, op = p[0] & 15, masked = p[1] & 0x80;
        uint64_t n = p[1] & 127;
        if (n == 126) { if (avail < 4) break; n = (uint64_t) p[2] << 8 | p[3]; hl = 4; }
        else if (n == 127) { if (avail < 10) break; n = 0; for (int i = 0; i < 8; i++) n = n << 8 | p[2 + i]; hl = 10; }
        if (masked) hl += 4;
        if (avail < hl + n) break;
        char *payload = (char *) p + hl;
        if (masked) { unsigned char *k = p + hl - 4; for (uint64_t i = 0; i < n; i++) payload[i] ^= (char) k[i & 3]; }
        at += hl + n;
        if (op == 8) {
            int code = n >= 2 ? ((unsigned char) payload[0] << 8 | (unsigned char) payload[1]) : 1005;
            if (c->state != CLOSING) send_frame(c, 8, payload, n >= 2 ? 2 : 0);
            closed_session(c, 1, code, payload + (n >= 2 ? 2 : 0), n >= 2 ? n - 2 : 0);
            return 0;
        }
        if (op == 9) { send_frame(c, 10, payload, n); continue; }
        if (op == 10) continue;
        if (op == 1 || op == 2) { c->in_msg = 1; c->msg_text = op == 1; c->msg.len = 0; }
        else if (op != 0 || !c->in_msg) continue;
        if (fin && c->msg.len == 0) { /* the usual case: one frame, read in place */
            c->in_msg = 0;
            if (!c->msg_text) { if (c->role == CLIENT) ph.binary++; continue; }
            if (c->role == ECHO) echo_message(c, payload, n); else client_message(c, payload, n);
            continue;
        }
        buf_add(&c->msg, payload, n);
        if (fin) {
            c->in_msg = 0;
            if (!c->msg_text) { if (c->role == CLIENT) ph.binary++; c->msg.len = 0; continue; }
            if (c->role == ECHO) echo_message(c, c->msg.p, c->msg.len); else client_message(c, c->msg.p, c->msg.len);
            c->msg.len = 0;
        }
    }
    if (at) buf_drop(&c->in, at);
    return 1;
}

static void on_readable(conn_t *c) {
    buf_reserve(&c->in, 16384); /* a frame is ~1.4 KB; what does not fit is read on the next (level-triggered) event */
    ssize_t r = recv(c->fd, c->in.p + c->in.len, c->in.cap - c->in.len, 0);
    if (r < 0 && errno == EAGAIN) return;
    if (r <= 0) { closed_session(c, 1, 1006, "", 0); return; }
    c->in.len += (size_t) r;
    if (c->state == HANDSHAKE || (c->role == ECHO && c->state == CONNECTING)) {
        int done = c->role == ECHO ? echo_handshake(c) : client_handshake(c);
        if (done <= 0) return;
    }
    if (c->state == OPEN || c->state == CLOSING) read_frames(c);
}

static void on_writable(conn_t *c) {
    if (c->role == CLIENT && c->state == CONNECTING) {
        int err = 0;
        socklen_t l = sizeof err;
        getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l);
        if (err) {
            char why[200];
            snprintf(why, sizeof why, "connect: %s", strerror(err));
            connect_failed(c, why);
            return;
        }
        send_request(c);
        return;
    }
    flush_out(c);
}

static void accept_all(int listener) {
    for (;;) {
        int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
        if (fd < 0) return;
        if (fd >= MAX_FDS) { close(fd); continue; }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        conn_t *c = calloc(1, sizeof *c);
        c->fd = fd;
        c->role = ECHO;
        c->state = CONNECTING;
        conns[fd] = c;
        echo.open++;
        echo.connections++;
        struct epoll_event e = { .events = EPOLLIN, .data.fd = fd };
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) < 0) die("epoll_ctl");
    }
}

/* ---------------------------------------------------------------- commands */

static void reply(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

static void open_more(void) {
    while (ph.started < ph.n && ph.in_flight < ph.concurrency) start_connect(ph.started++);
}

static void check_replies(void) {
    int64_t now = now_ns();
    if (ph.open_reply_due) {
        open_more();
        int settled = ph.started == ph.n && ph.in_flight == 0 && ph.ready >= ph.opened - ph.closed;
        if (settled || now >= ph.open_deadline) {
            ph.open_reply_due = 0;
            reply("opened %d %d %d %d %s", ph.opened, ph.ready, ph.failed, ph.closed, ph.first_error);
        }
    }
    if (ph.close_reply_due && (ph.closed >= ph.opened || now >= ph.close_deadline)) {
        ph.close_reply_due = 0;
        reply("closed %d %d %s", ph.closed, ph.by_remote, ph.first_remote_close);
    }
}

static void json_string(buf_t *b, const char *s) {
    buf_str(b, "\"");
    for (; *s; s++) {
        unsigned char ch = (unsigned char) *s;
        if (ch == '"' || ch == '\\') buf_fmt(b, "\\%c", ch);
        else if (ch < 0x20) buf_fmt(b, "\\u%04x", ch);
        else buf_add(b, s, 1);
    }
    buf_str(b, "\"");
}

static void stats(void) {
    for (int i = 0; i < ph.n; i++) if (ph.sessions[i]) ph.sessions[i]->streaming = 0;
    static buf_t b;
    b.len = 0;
    buf_fmt(&b, "stats {\"sentWindow\":%lld,\"recvWindow\":%lld,\"sentTotal\":%lld,\"recvTotal\":%lld,\"outOfOrder\":%lld,"
            "\"misrouted\":%lld,\"stale\":%lld,\"unrecognised\":%lld,\"binary\":%lld,\"writeQueueFull\":%lld,\"events\":{",
            (long long) ph.sent_window, (long long) ph.recv_window, (long long) ph.sent_total, (long long) ph.recv_total,
            (long long) ph.out_of_order, (long long) ph.misrouted, (long long) ph.stale, (long long) ph.unrecognised,
            (long long) ph.binary, (long long) ph.backlogged);
    for (int i = 0; i < ph.event_types; i++) {
        if (i) buf_str(&b, ",");
        json_string(&b, ph.event_names[i]);
        buf_fmt(&b, ":%lld", (long long) ph.event_counts[i]);
    }
    buf_str(&b, "},\"firstErrorEvent\":");
    if (ph.first_error_event[0]) json_string(&b, ph.first_error_event); else buf_str(&b, "null");
    buf_str(&b, ",\"latency\":");
    hist_json(&b, &ph.latency);
    buf_str(&b, ",\"lateness\":");
    hist_json(&b, &ph.lateness);
    buf_str(&b, "}");
    buf_add(&b, "", 1);
    reply("%s", b.p);
}

static void command(char *line) {
    char *argv[80];
    int argc = 0;
    for (char *t = strtok(line, " \t"); t && argc < 80; t = strtok(NULL, " \t")) argv[argc++] = t;
    if (argc == 0) return;
    if (strcmp(argv[0], "open") == 0 && argc >= 7) {
        for (int i = 0; i < ph.n; i++) if (ph.sessions[i]) conn_free(ph.sessions[i]);
        free(ph.sessions);
        memset(&ph, 0, sizeof ph);
        ph.id = atoi(argv[1]);
        ph.n = atoi(argv[2]);
        ph.concurrency = atoi(argv[3]);
        ph.port = atoi(argv[4]);
        snprintf(ph.path, sizeof ph.path, "%s", argv[5]);
        for (int i = 7; i + 1 < argc; i += 2) {
            size_t at = strlen(ph.headers);
            snprintf(ph.headers + at, sizeof ph.headers - at, "%s: %s\r\n", argv[i], argv[i + 1]);
        }
        ph.sessions = calloc((size_t) ph.n, sizeof *ph.sessions);
        ph.open_deadline = now_ns() + (int64_t) atoi(argv[6]) * 1000000000LL;
        ph.open_reply_due = 1;
    } else if (strcmp(argv[0], "stream") == 0 && argc == 4) {
        ph.t0 = atoll(argv[1]);
        ph.window_start = atoll(argv[2]);
        ph.window_end = atoll(argv[3]);
        for (int i = 0; i < ph.n; i++) {
            conn_t *s = ph.sessions[i];
            if (!s || !s->ready || s->state != OPEN) continue;
            s->streaming = 1;
            s->next_due = ph.t0 + (int64_t) i * FRAME_NANOS / ph.n;
        }
        reply("ok");
    } else if (strcmp(argv[0], "sample") == 0) {
        reply("sample %lld %lld", (long long) echo.appends, (long long) ph.deltas);
    } else if (strcmp(argv[0], "counts") == 0) {
        reply("counts %lld %lld", (long long) ph.sent_window, (long long) (ph.recv_window + ph.out_of_order));
    } else if (strcmp(argv[0], "stop") == 0) {
        stats();
    } else if (strcmp(argv[0], "close") == 0 && argc == 2) {
        for (int i = 0; i < ph.n; i++) {
            conn_t *s = ph.sessions[i];
            if (!s || s->state != OPEN) continue;
            s->closing = 1;
            static const char bye[] = "\x03\xe8" "benchmark phase done";
            send_frame(s, 8, bye, sizeof bye - 1);
            s->state = CLOSING;
        }
        ph.close_deadline = now_ns() + (int64_t) atoi(argv[1]) * 1000000000LL;
        ph.close_reply_due = 1;
    } else if (strcmp(argv[0], "echo") == 0) {
        reply("echo %lld %lld %lld %lld %lld %lld|%s", (long long) echo.open, (long long) echo.connections,
              (long long) echo.appends, (long long) echo.deltas, (long long) echo.session_updates, (long long) echo.others,
              echo.last_handshake);
    } else if (strcmp(argv[0], "quit") == 0) {
        exit(0);
    } else {
        reply("error unknown command %s", argv[0]);
    }
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: gwload ECHO_PORT\n"); return 2; }
    srandom((unsigned) now_ns());
    /* the append event: a 250 Hz tone, exactly five periods per 20 ms frame, as GatewayBenchmark.tone() */
    unsigned char pcm[PCM_BYTES];
    for (int i = 0; i < PCM_BYTES / 2; i++) {
        int v = (int) lround(3000 * sin(2 * M_PI * 250 * i / 24000.0));
        pcm[2 * i] = (unsigned char) v;
        pcm[2 * i + 1] = (unsigned char) (v >> 8);
    }
    header_at = strlen(APPEND_PREFIX);
    memcpy(template_event, APPEND_PREFIX, header_at);
    template_len = header_at + b64_encode(pcm, PCM_BYTES, template_event + header_at);
    memcpy(template_event + template_len, "\"}", 2);
    template_len += 2;

    if ((ep = epoll_create1(0)) < 0) die("epoll_create1");
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t) atoi(argv[1])) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *) &a, sizeof a) < 0 || listen(listener, 4096) < 0) die("listen");
    socklen_t al = sizeof a;
    getsockname(listener, (struct sockaddr *) &a, &al);
    int timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct itimerspec every_ms = { .it_interval = { 0, 1000000 }, .it_value = { 0, 1000000 } };
    timerfd_settime(timer, 0, &every_ms, NULL);
    fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
    struct epoll_event e = { .events = EPOLLIN, .data.fd = listener };
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &e);
    e.data.fd = timer;
    epoll_ctl(ep, EPOLL_CTL_ADD, timer, &e);
    e.data.fd = 0;
    epoll_ctl(ep, EPOLL_CTL_ADD, 0, &e);
    reply("listening %d", ntohs(a.sin_port));

    buf_t control = { 0 };
    struct epoll_event events[512];
    for (;;) {
        int n = epoll_wait(ep, events, 512, -1);
        if (n < 0 && errno != EINTR) die("epoll_wait");
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == listener) { accept_all(listener); continue; }
            if (fd == timer) {
                uint64_t ticks;
                if (read(timer, &ticks, sizeof ticks) > 0) tick();
                check_replies();
                continue;
            }
            if (fd == 0) {
                buf_reserve(&control, 4096);
                ssize_t r = read(0, control.p + control.len, control.cap - control.len);
                if (r == 0) exit(0); /* the benchmark is gone */
                if (r > 0) control.len += (size_t) r;
                char *nl;
                while ((nl = memchr(control.p, '\n', control.len)) != NULL) {
                    *nl = 0;
                    command(control.p);
                    buf_drop(&control, (size_t) (nl - control.p) + 1);
                }
                check_replies();
                continue;
            }
            conn_t *c = conns[fd];
            if (!c) continue;
            if (events[i].events & EPOLLOUT) { on_writable(c); if (conns[fd] != c) continue; }
            if (events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) on_readable(c);
        }
    }
}
