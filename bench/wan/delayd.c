/*
 * delayd: holds packets handed to it by iptables NFQUEUE rules for a fixed
 * delay per queue, then lets them through (NF_ACCEPT). It is the packet delay
 * of the simulated WAN on kernels without netem (see README.md).
 *
 *   delayd [-r] [-v] QUEUE:DELAY_MS [QUEUE:DELAY_MS ...]
 *
 *   QUEUE     NFQUEUE number (bound in the network namespace delayd runs in)
 *   DELAY_MS  hold time in milliseconds, decimals allowed (62.5 = 62500 us)
 *   -r        ask for SCHED_FIFO so a busy machine does not add scheduling lag
 *   -v        print per-queue statistics every 5 seconds (SIGUSR1: print them now)
 *
 * Why it is built this way:
 *  - One thread, one netlink socket for all queues, ppoll() with a nanosecond
 *    timeout until the earliest release: no timer drift, because every packet
 *    carries its own absolute due time (arrival + delay).
 *  - A queue has one constant delay, so due times inside a queue are in arrival
 *    order: a FIFO ring per queue is the whole timer structure, and order is
 *    preserved by construction.
 *  - Releases use a batch verdict ("accept every id <= N"), one syscall per
 *    queue per wake-up. That also means a packet whose notification the kernel
 *    could not deliver (ENOBUFS) is still accepted with the next one, never
 *    stranded in the kernel queue.
 *  - Only packet metadata is copied to user space (NFQNL_COPY_META), and GSO
 *    packets are taken whole, so bulk TCP costs few messages.
 *  - SIGTERM/SIGINT: everything still held is accepted at once, then exit 0.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netfilter.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#define MAX_QUEUES 64
#define KERNEL_QUEUE_MAXLEN 200000u   /* packets the kernel may hold per queue */
#define SOCKET_RCVBUF (64 * 1024 * 1024)
#define DRAIN_BATCH 512               /* messages read before checking releases */

struct held { uint32_t id; int64_t due_ns; };

struct queue {
    uint16_t num;
    int64_t delay_ns;
    struct nfq_q_handle *qh;
    struct held *ring;
    size_t cap, head, len;
    /* statistics */
    uint64_t packets, max_len;
    int64_t max_late_ns, sum_late_ns;
};

static struct queue queues[MAX_QUEUES];
static int nqueues;
static volatile sig_atomic_t stop_requested, stats_requested;
static uint64_t enobufs_count;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what) {
    fprintf(stderr, "delayd: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void ring_push(struct queue *q, uint32_t id, int64_t due) {
    if (q->len == q->cap) {
        size_t ncap = q->cap ? q->cap * 2 : 4096;
        struct held *n = malloc(ncap * sizeof *n);
        if (!n) die("out of memory");
        for (size_t i = 0; i < q->len; i++) n[i] = q->ring[(q->head + i) % q->cap];
        free(q->ring);
        q->ring = n;
        q->cap = ncap;
        q->head = 0;
    }
    q->ring[(q->head + q->len) % q->cap] = (struct held){ id, due };
    q->len++;
    if (q->len > q->max_len) q->max_len = q->len;
}

static int on_packet(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *nfa, void *data) {
    (void)qh; (void)msg;
    struct queue *q = data;
    struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(nfa);
    if (!ph) return 0;
    ring_push(q, ntohl(ph->packet_id), now_ns() + q->delay_ns);
    q->packets++;
    return 0;
}

/* Accepts every packet of q that is due at `now`; returns the next due time or INT64_MAX. */
static int64_t release_due(struct queue *q, int64_t now, int release_all) {
    uint32_t last_id = 0;
    int any = 0;
    while (q->len > 0) {
        struct held *h = &q->ring[q->head];
        if (!release_all && h->due_ns > now) break;
        int64_t late = now - h->due_ns;
        if (!release_all) {
            if (late > q->max_late_ns) q->max_late_ns = late;
            q->sum_late_ns += late;
        }
        last_id = h->id;
        any = 1;
        q->head = (q->head + 1) % q->cap;
        q->len--;
    }
    if (any && nfq_set_verdict_batch(q->qh, last_id, NF_ACCEPT) < 0)
        fprintf(stderr, "delayd: verdict on queue %u failed: %s\n", q->num, strerror(errno));
    return q->len ? q->ring[q->head].due_ns : INT64_MAX;
}

static void print_stats(void) {
    for (int i = 0; i < nqueues; i++) {
        struct queue *q = &queues[i];
        uint64_t released = q->packets - q->len;
        fprintf(stderr,
                "delayd: queue %u delay %.3f ms: %llu packets, max held %llu, "
                "release lateness mean %.1f us max %.1f us\n",
                q->num, q->delay_ns / 1e6, (unsigned long long)q->packets,
                (unsigned long long)q->max_len,
                released ? q->sum_late_ns / 1e3 / released : 0.0, q->max_late_ns / 1e3);
    }
    fprintf(stderr, "delayd: ENOBUFS events: %llu\n", (unsigned long long)enobufs_count);
}

static void on_signal(int sig) {
    if (sig == SIGUSR1) stats_requested = 1;
    else stop_requested = 1;
}

static void parse_queue(const char *arg) {
    char *end;
    if (nqueues == MAX_QUEUES) { fprintf(stderr, "delayd: too many queues\n"); exit(2); }
    unsigned long num = strtoul(arg, &end, 10);
    if (*end != ':' || num > 65535) { fprintf(stderr, "delayd: bad QUEUE:DELAY_MS '%s'\n", arg); exit(2); }
    double ms = strtod(end + 1, &end);
    if (*end != '\0' || ms < 0) { fprintf(stderr, "delayd: bad delay in '%s'\n", arg); exit(2); }
    queues[nqueues].num = (uint16_t)num;
    queues[nqueues].delay_ns = (int64_t)(ms * 1e6 + 0.5);
    nqueues++;
}

static void bind_queues(struct nfq_handle *h) {
    for (int i = 0; i < nqueues; i++) {
        struct queue *q = &queues[i];
        q->qh = nfq_create_queue(h, q->num, on_packet, q);
        if (!q->qh) die("nfq_create_queue (is another delayd bound to this queue?)");
        if (nfq_set_mode(q->qh, NFQNL_COPY_META, 0) < 0) die("nfq_set_mode");
        if (nfq_set_queue_maxlen(q->qh, KERNEL_QUEUE_MAXLEN) < 0) die("nfq_set_queue_maxlen");
        if (nfq_set_queue_flags(q->qh, NFQA_CFG_F_GSO, NFQA_CFG_F_GSO) < 0)
            fprintf(stderr, "delayd: queue %u: GSO flag not supported, continuing\n", q->num);
    }
}

static void make_realtime(void) {
    struct sched_param sp = { .sched_priority = 10 };
    if (sched_setscheduler(0, SCHED_FIFO, &sp) < 0)
        fprintf(stderr, "delayd: SCHED_FIFO unavailable (%s), continuing\n", strerror(errno));
}

int main(int argc, char **argv) {
    int verbose = 0, realtime = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v")) verbose = 1;
        else if (!strcmp(argv[i], "-r")) realtime = 1;
        else parse_queue(argv[i]);
    }
    if (nqueues == 0) {
        fprintf(stderr, "usage: delayd [-r] [-v] QUEUE:DELAY_MS [QUEUE:DELAY_MS ...]\n");
        return 2;
    }
    prctl(PR_SET_TIMERSLACK, 1UL);
    if (realtime) make_realtime();

    sigset_t blocked, during_poll;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGTERM);
    sigaddset(&blocked, SIGINT);
    sigaddset(&blocked, SIGUSR1);
    sigprocmask(SIG_BLOCK, &blocked, &during_poll);
    sigdelset(&during_poll, SIGTERM);
    sigdelset(&during_poll, SIGINT);
    sigdelset(&during_poll, SIGUSR1);
    struct sigaction sa = { .sa_handler = on_signal };
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);

    struct nfq_handle *h = nfq_open();
    if (!h) die("nfq_open");
    int fd = nfq_fd(h);
    int rcvbuf = SOCKET_RCVBUF;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) < 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    bind_queues(h);
    for (int i = 0; i < nqueues; i++)
        fprintf(stderr, "delayd: queue %u bound, delay %.3f ms\n", queues[i].num, queues[i].delay_ns / 1e6);
    fprintf(stderr, "delayd: ready\n");

    static char buf[256 * 1024];
    int64_t next_stats = now_ns() + 5000000000LL;
    while (!stop_requested) {
        int64_t now = now_ns(), next_due = INT64_MAX;
        for (int i = 0; i < nqueues; i++) {
            int64_t d = release_due(&queues[i], now, 0);
            if (d < next_due) next_due = d;
        }
        if (stats_requested || (verbose && now >= next_stats)) {
            print_stats();
            stats_requested = 0;
            next_stats = now + 5000000000LL;
        }
        if (verbose && next_stats < next_due) next_due = next_stats;

        struct timespec timeout, *tp = NULL;
        if (next_due != INT64_MAX) {
            int64_t wait = next_due - now_ns();
            if (wait < 0) wait = 0;
            timeout.tv_sec = wait / 1000000000LL;
            timeout.tv_nsec = wait % 1000000000LL;
            tp = &timeout;
        }
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        int r = ppoll(&pfd, 1, tp, &during_poll);
        if (r < 0) {
            if (errno == EINTR) continue;
            die("ppoll");
        }
        if (r == 0 || !(pfd.revents & POLLIN)) continue;
        for (int n = 0; n < DRAIN_BATCH; n++) {
            ssize_t len = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
            if (len < 0) {
                if (errno == ENOBUFS) { enobufs_count++; continue; }
                if (errno == EAGAIN || errno == EINTR) break;
                die("recv");
            }
            nfq_handle_packet(h, buf, (int)len);
        }
    }

    for (int i = 0; i < nqueues; i++) release_due(&queues[i], now_ns(), 1);
    print_stats();
    for (int i = 0; i < nqueues; i++) nfq_destroy_queue(queues[i].qh);
    nfq_close(h);
    fprintf(stderr, "delayd: stopped\n");
    return 0;
}
