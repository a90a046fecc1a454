#pragma once
// Asks the kernel scheduler to treat the calling thread as latency-sensitive.
//
// Linux 6.6+ schedules ordinary threads with EEVDF: a thread that wakes up to answer a request
// waits for the running thread's time slice (about 3 ms on a 2-core machine) unless its own
// slice is shorter. Since 6.12 a thread may request a shorter slice for itself
// (sched_setattr with sched_runtime under SCHED_OTHER), which lets a briefly-running I/O thread
// preempt CPU-bound work sooner without any extra share of the CPU. Older kernels refuse or
// ignore the request; the call is harmless there.

#include <chrono>

namespace qonsul {

// Returns true when the kernel accepted the request for the calling thread.
bool requestShortTimeSlice(std::chrono::microseconds slice);

} // namespace qonsul
