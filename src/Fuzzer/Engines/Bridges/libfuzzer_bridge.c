/*
 * McpFuzz's libFuzzer bridge: libFuzzer drives this small C program; the code under test runs in a
 * .NET harness (`mcpfuzz fuzz-harness TARGET --protocol libfuzzer`) that this program starts once.
 *
 * Shared with the harness: one System V segment, a 64 KiB edge map followed by 1 MiB of input,
 * named in MCPFUZZ_BRIDGE_SHM_ID; a control pipe (our writes, the harness's fd 198) and a status
 * pipe (the harness's fd 199). Per input: clear the map, copy the input, write its length, read a
 * status, copy the map into the counters libFuzzer reads (see register_edge_map), abort on a nonzero status so libFuzzer
 * records the input as a crash.
 *
 * The harness command comes from MCPFUZZ_HARNESS (run by /bin/sh). Build:
 *   clang-14 -O2 -fsanitize=fuzzer libfuzzer_bridge.c -o bridge
 * or, under OSS-Fuzz, $CC $CFLAGS libfuzzer_bridge.c $LIB_FUZZING_ENGINE.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <unistd.h>

#define MAP_BYTES (1 << 16)
#define INPUT_CAPACITY (1 << 20)
#define CONTROL_FD 198
#define STATUS_FD 199

/*
 * The harness's edge map, as libFuzzer sees it. It is registered as one more module of inline 8-bit
 * counters with a PC table of its own (the SanitizerCoverage interface every libFuzzer implements),
 * so that libFuzzer counts each map entry as a covered "PC": its `cov:` figure is then the harness's
 * edges (plus the few of this file), not only this file's. The PCs are the counters' own addresses:
 * unique, and never symbolised unless asked (-print_pcs). An engine without that interface gets the
 * map through libFuzzer's extra-counters section instead, which feeds features but not `cov:`.
 */
__attribute__((aligned(64))) static uint8_t mcpfuzz_counters[MAP_BYTES];
static uintptr_t mcpfuzz_pcs[2 * MAP_BYTES];
__attribute__((section("__libfuzzer_extra_counters"), used)) uint8_t mcpfuzz_extra_counters[MAP_BYTES];
static uint8_t *map_for_engine = mcpfuzz_extra_counters;

extern void __sanitizer_cov_8bit_counters_init(uint8_t *start, uint8_t *stop) __attribute__((weak));
extern void __sanitizer_cov_pcs_init(const uintptr_t *start, const uintptr_t *stop) __attribute__((weak));

__attribute__((constructor)) static void register_edge_map(void) {
  if (__sanitizer_cov_8bit_counters_init == NULL || __sanitizer_cov_pcs_init == NULL) return;
  for (size_t i = 0; i < MAP_BYTES; i++) {
    mcpfuzz_pcs[2 * i] = (uintptr_t)&mcpfuzz_counters[i];
    mcpfuzz_pcs[2 * i + 1] = 0; /* not a function entry */
  }
  __sanitizer_cov_8bit_counters_init(mcpfuzz_counters, mcpfuzz_counters + MAP_BYTES);
  __sanitizer_cov_pcs_init(mcpfuzz_pcs, mcpfuzz_pcs + 2 * MAP_BYTES);
  map_for_engine = mcpfuzz_counters;
}

static uint8_t *shared;
static int to_harness = -1;
static int from_harness = -1;

static void die(const char *what) {
  fprintf(stderr, "mcpfuzz bridge: %s: %s\n", what, strerror(errno));
  exit(1);
}

static int write_all(int fd, const void *buffer, size_t length) {
  const uint8_t *p = buffer;
  while (length > 0) {
    ssize_t n = write(fd, p, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return 0;
    p += n;
    length -= (size_t)n;
  }
  return 1;
}

static int read_all(int fd, void *buffer, size_t length) {
  uint8_t *p = buffer;
  while (length > 0) {
    ssize_t n = read(fd, p, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return 0;
    p += n;
    length -= (size_t)n;
  }
  return 1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  const char *command = getenv("MCPFUZZ_HARNESS");
  if (command == NULL || *command == '\0') {
    fprintf(stderr, "mcpfuzz bridge: set MCPFUZZ_HARNESS to the harness command, e.g. "
                    "'dotnet mcpfuzz.dll fuzz-harness sse-chunked --protocol libfuzzer'\n");
    exit(1);
  }

  int id = shmget(IPC_PRIVATE, MAP_BYTES + INPUT_CAPACITY, IPC_CREAT | 0600);
  if (id < 0) die("shmget");
  shared = shmat(id, NULL, 0);
  if (shared == (void *)-1) die("shmat");

  int control[2], status[2];
  if (pipe(control) != 0 || pipe(status) != 0) die("pipe");
  /* A harness that died must show up as a failed write, not kill us with SIGPIPE. */
  signal(SIGPIPE, SIG_IGN);

  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    /* libFuzzer ends a timeout (and -max_total_time) with _Exit, no clean-up of ours runs, and a
       harness stuck in an endless loop would never read the end of its control pipe: it would
       spin on as an orphan. The kernel kills it when we go (this survives the execs below). */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl");
    if (getppid() != parent) _exit(1);
    if (dup2(control[0], CONTROL_FD) < 0 || dup2(status[1], STATUS_FD) < 0) die("dup2");
    close(control[0]); close(control[1]); close(status[0]); close(status[1]);
    char id_text[32];
    snprintf(id_text, sizeof id_text, "%d", id);
    setenv("MCPFUZZ_BRIDGE_SHM_ID", id_text, 1);
    size_t length = strlen(command) + 6;
    char *line = malloc(length);
    if (line == NULL) die("malloc");
    snprintf(line, length, "exec %s", command);
    execl("/bin/sh", "sh", "-c", line, (char *)NULL);
    die("exec /bin/sh");
  }
  close(control[0]);
  close(status[1]);
  to_harness = control[1];
  from_harness = status[0];

  uint32_t hello;
  if (!read_all(from_harness, &hello, sizeof hello)) {
    fprintf(stderr, "mcpfuzz bridge: the harness exited before saying hello (command: %s)\n", command);
    exit(1);
  }
  /* Linux lets the harness keep using a segment marked for removal; it goes when both detach. */
  shmctl(id, IPC_RMID, NULL);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > INPUT_CAPACITY) size = INPUT_CAPACITY;
  memset(shared, 0, MAP_BYTES);
  memcpy(shared + MAP_BYTES, data, size);
  uint32_t length = (uint32_t)size;
  uint32_t status;
  if (!write_all(to_harness, &length, sizeof length) || !read_all(from_harness, &status, sizeof status)) {
    fprintf(stderr, "mcpfuzz bridge: the harness died on this input\n");
    abort();
  }
  memcpy(map_for_engine, shared, MAP_BYTES);
  if (status != 0) {
    fprintf(stderr, "mcpfuzz bridge: the harness reported a crash (status %u)\n", status);
    abort();
  }
  return 0;
}
