// A small TCP tool for the Connect proxy benchmark (tests/bench/connect_proxy.sh), in C++ so
// that the tool's own cost stays far below what it measures:
//
//   tcp_probe echo PORT            an epoll echo server on 127.0.0.1:PORT (runs until killed)
//   tcp_probe rtt PORT N           one connection, N one-byte round trips: median µs
//   tcp_probe connect PORT N       N times connect, one-byte round trip, close: median µs
//   tcp_probe hold PORT N          opens N connections, one round trip on each, prints "held"
//                                  and keeps them until stdin closes
//   tcp_probe sink PORT            a server that reads and drops blast's blocks and, at the
//                                  end block, answers how many data bytes it received
//   tcp_probe blast PORT SECONDS   one connection writing 64 KiB blocks for SECONDS, then an
//                                  end block; the time runs until the sink's answer is back,
//                                  so every byte has arrived: prints Gbit/s of what arrived
#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

sockaddr_in loopback(int port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

int connectTo(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address = loopback(port);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        std::perror("connect");
        std::exit(1);
    }
    return fd;
}

bool roundTrip(int fd)
{
    char byte = 'x';
    if (::write(fd, &byte, 1) != 1)
        return false;
    return ::read(fd, &byte, 1) == 1;
}

double median(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples.empty() ? 0 : samples[samples.size() / 2];
}

double micros(Clock::duration d)
{
    return std::chrono::duration<double, std::micro>(d).count();
}

int listenOn(int port)
{
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address = loopback(port);
    if (::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(listener, 64) != 0) {
        std::perror("listen");
        std::exit(1);
    }
    return listener;
}

// blast and sink speak in 64 KiB blocks whose first byte says 'd' (data) or 'e' (the end), so
// that the run ends on the sink's answer, the count of data bytes it received, and needs no
// half-close (which not every relay can pass on).
constexpr size_t blockSize = 1 << 16;

int sink(int port)
{
    const int listener = listenOn(port);
    std::vector<char> buffer(1 << 18);
    for (;;) { // one client at a time: a throughput run has one connection
        const int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0)
            continue;
        uint64_t offset = 0; // bytes of this connection so far
        bool ended = false;
        for (ssize_t n; !ended && (n = ::read(fd, buffer.data(), buffer.size())) > 0;) {
            // The first block start within this chunk, then every block start after it.
            for (uint64_t at = (blockSize - offset % blockSize) % blockSize; at < uint64_t(n);
                 at += blockSize)
                if (buffer[at] == 'e') {
                    const uint64_t data = offset + at;
                    if (::write(fd, &data, sizeof data) != sizeof data)
                        std::perror("sink: write");
                    ended = true;
                    break;
                }
            offset += uint64_t(n);
        }
        // Read on until blast closes: closing with bytes unread would reset the connection,
        // and some proxies drop the answer on a reset.
        while (::read(fd, buffer.data(), buffer.size()) > 0) {
        }
        ::close(fd);
    }
}

int blast(int port, int seconds)
{
    const int fd = connectTo(port);
    std::vector<char> block(blockSize, 'd');
    const auto start = Clock::now();
    const auto until = start + std::chrono::seconds(seconds);
    const auto writeBlock = [&] {
        for (size_t done = 0; done < block.size();) {
            const ssize_t n = ::write(fd, block.data() + done, block.size() - done);
            if (n <= 0) {
                std::perror("write");
                std::exit(1);
            }
            done += size_t(n);
        }
    };
    while (Clock::now() < until)
        writeBlock();
    block[0] = 'e';
    writeBlock();
    uint64_t received = 0;
    if (::read(fd, &received, sizeof received) != sizeof received) {
        std::fprintf(stderr, "blast: the sink never said how much it received\n");
        return 1;
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("%.2f\n", double(received) * 8 / elapsed / 1e9);
    return 0;
}

int echo(int port)
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    const int one = 1;
    ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address = loopback(port);
    if (::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(listener, 4096) != 0) {
        std::perror("listen");
        return 1;
    }
    const int poller = ::epoll_create1(0);
    epoll_event event{EPOLLIN, {.fd = listener}};
    ::epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
    std::vector<char> buffer(1 << 16);
    epoll_event ready[256];
    for (;;) {
        const int n = ::epoll_wait(poller, ready, 256, -1);
        for (int i = 0; i < n; ++i) {
            const int fd = ready[i].data.fd;
            if (fd == listener) {
                int client;
                while ((client = ::accept4(listener, nullptr, nullptr, 0)) >= 0) {
                    ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    epoll_event in{EPOLLIN, {.fd = client}};
                    ::epoll_ctl(poller, EPOLL_CTL_ADD, client, &in);
                }
                continue;
            }
            const ssize_t got = ::read(fd, buffer.data(), buffer.size());
            if (got <= 0) {
                ::close(fd);
                continue;
            }
            for (ssize_t sent = 0; sent < got;) { // blocking socket: all of it
                const ssize_t w = ::write(fd, buffer.data() + sent, size_t(got - sent));
                if (w <= 0)
                    break;
                sent += w;
            }
        }
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: tcp_probe echo|rtt|connect|hold|sink|blast PORT [N]\n");
        return 2;
    }
    rlimit files{};
    ::getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
    const char *mode = argv[1];
    const int port = std::atoi(argv[2]);
    const int count = argc > 3 ? std::atoi(argv[3]) : 1000;
    if (std::strcmp(mode, "echo") == 0)
        return echo(port);
    if (std::strcmp(mode, "sink") == 0)
        return sink(port);
    if (std::strcmp(mode, "blast") == 0)
        return blast(port, argc > 3 ? std::atoi(argv[3]) : 5);
    std::vector<double> samples;
    if (std::strcmp(mode, "rtt") == 0) {
        const int fd = connectTo(port);
        for (int i = 0; i < 100; ++i) // warm up
            roundTrip(fd);
        for (int i = 0; i < count; ++i) {
            const auto start = Clock::now();
            if (!roundTrip(fd))
                return 1;
            samples.push_back(micros(Clock::now() - start));
        }
        std::printf("%.1f\n", median(samples));
        return 0;
    }
    if (std::strcmp(mode, "connect") == 0) {
        for (int i = 0; i < count; ++i) {
            const auto start = Clock::now();
            const int fd = connectTo(port);
            const bool ok = roundTrip(fd);
            samples.push_back(micros(Clock::now() - start));
            ::close(fd);
            if (!ok)
                return 1;
        }
        std::printf("%.1f\n", median(samples));
        return 0;
    }
    if (std::strcmp(mode, "hold") == 0) {
        std::vector<int> fds;
        for (int i = 0; i < count; ++i) {
            fds.push_back(connectTo(port));
            if (!roundTrip(fds.back()))
                return 1;
        }
        std::printf("held\n");
        std::fflush(stdout);
        char c;
        while (::read(0, &c, 1) > 0) {
        }
        return 0;
    }
    return 2;
}
