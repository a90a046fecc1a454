#include "util/ThreadScheduling.h"

#ifdef __linux__
#include <cerrno>
#include <cstdint>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace qonsul {

#ifdef __linux__
namespace {

// The kernel's struct sched_attr (linux/sched/types.h, which cannot be included next to glibc's
// <sched.h>); the layout is fixed ABI, versioned by `size`.
struct SchedAttr
{
    std::uint32_t size;
    std::uint32_t sched_policy;
    std::uint64_t sched_flags;
    std::int32_t sched_nice;
    std::uint32_t sched_priority;
    std::uint64_t sched_runtime;
    std::uint64_t sched_deadline;
    std::uint64_t sched_period;
};

} // namespace
#endif

bool requestShortTimeSlice(std::chrono::microseconds slice)
{
#ifdef __linux__
    SchedAttr attr{};
    attr.size = sizeof attr;
    attr.sched_policy = SCHED_OTHER;
    // The slice travels with the scheduling parameters, so the current nice value is passed
    // back unchanged.
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, tid);
    if (errno != 0)
        return false;
    attr.sched_nice = nice;
    attr.sched_runtime = static_cast<std::uint64_t>(std::chrono::nanoseconds(slice).count());
    return ::syscall(SYS_sched_setattr, 0, &attr, 0) == 0;
#else
    (void)slice;
    return false;
#endif
}

} // namespace qonsul
