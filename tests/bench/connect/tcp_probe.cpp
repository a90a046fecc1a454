// A small TCP tool for the Connect proxy benchmark (tests/bench/connect_proxy.sh), in C++ so
// that the tool's own cost stays far below what it measures:
//
//   tcp_probe echo PORT            an epoll echo server on 127.0.0.1:PORT (runs until killed)
//   tcp_probe rtt PORT N           one connection, N one-byte round trips: median µs
//   tcp_probe connect PORT N       N times connect, one-byte round trip, close: median µs
//   tcp_probe hold PORT N          opens N connections, one round trip on each, prints "held"
//                                  and keeps them until stdin closes
//   tcp_probe sink PORT            a server that reads and drops everything, and closes its
//                                  side when the client has finished sending
//   tcp_probe blast PORT SECONDS   one connection writing 64 KiB blocks for SECONDS, then a
//                                  half-close; the time runs until the sink has closed too, so
//                                  every byte has arrived: prints Gbit/s
#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
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

int sink(int port)
{
    const int listener = listenOn(port);
    std::vector<char> buffer(1 << 18);
    for (;;) { // one client at a time: a throughput run has one connection
        const int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0)
            continue;
        while (::read(fd, buffer.data(), buffer.size()) > 0) {
        }
        ::close(fd);
    }
}

int blast(int port, int seconds)
{
    const int fd = connectTo(port);
    std::vector<char> block(1 << 16, 'q');
    double bytes = 0;
    const auto start = Clock::now();
    const auto until = start + std::chrono::seconds(seconds);
    while (Clock::now() < until) {
        const ssize_t n = ::write(fd, block.data(), block.size());
        if (n <= 0) {
            std::perror("write");
            return 1;
        }
        bytes += double(n);
    }
    ::shutdown(fd, SHUT_WR);
    char c;
    while (::read(fd, &c, 1) > 0) {
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("%.2f\n", bytes * 8 / elapsed / 1e9);
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
