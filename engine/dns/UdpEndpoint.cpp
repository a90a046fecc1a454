#include "dns/UdpEndpoint.h"

#include "dns/SocketErrors.h"

#include <QSocketNotifier>
#include <arpa/inet.h>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <net/if.h>
#include <netinet/in.h>
#include <unistd.h>

namespace qonsul::dns {

namespace {

constexpr int batchSize = 32;
constexpr size_t slotSize = 16 * 1024; // larger datagrams are no DNS queries: dropped
constexpr int roundsPerWakeUp = 16;    // then let the event loop serve others

} // namespace

QHostAddress UdpPeer::host() const
{
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address));
}

quint16 UdpPeer::port() const
{
    if (address.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in *>(&address)->sin_port);
    return ntohs(reinterpret_cast<const sockaddr_in6 *>(&address)->sin6_port);
}

std::string UdpPeer::text() const
{
    // Written out by hand for IPv4: inet_ntop goes through sprintf, and a dev agent names the
    // client of every query in its log.
    char buffer[INET6_ADDRSTRLEN + IF_NAMESIZE + 16];
    char *at = buffer;
    char *const end = buffer + sizeof buffer;
    if (address.ss_family == AF_INET) {
        const auto *in4 = reinterpret_cast<const sockaddr_in *>(&address);
        const auto *octets = reinterpret_cast<const uint8_t *>(&in4->sin_addr.s_addr);
        for (int i = 0; i < 4; ++i) {
            if (i > 0)
                *at++ = '.';
            at = std::to_chars(at, end, unsigned(octets[i])).ptr;
        }
    } else {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(&address);
        *at++ = '[';
        ::inet_ntop(AF_INET6, &in6->sin6_addr, at, INET6_ADDRSTRLEN);
        at += std::strlen(at);
        if (in6->sin6_scope_id != 0) {
            *at++ = '%';
            if (::if_indextoname(in6->sin6_scope_id, at))
                at += std::strlen(at);
            else
                at = std::to_chars(at, end, in6->sin6_scope_id).ptr;
        }
        *at++ = ']';
    }
    *at++ = ':';
    at = std::to_chars(at, end, port()).ptr;
    return std::string(buffer, at);
}

UdpEndpoint::UdpEndpoint(Handler handler, QObject *parent)
    : QObject(parent), m_handler(std::move(handler)), m_buffers(batchSize * slotSize)
{
}

UdpEndpoint::~UdpEndpoint()
{
    close();
}

Expected<quint16> UdpEndpoint::bind(const QHostAddress &address, quint16 port)
{
    close();
    sockaddr_storage storage{};
    socklen_t length = 0;
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    if (v6) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR ip = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &ip, sizeof ip);
        length = sizeof(sockaddr_in6);
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof(sockaddr_in);
    }
    const QString where = QStringLiteral("listen udp %1: ").arg(hostPort(address, port));
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return makeError(where + QStringLiteral("socket: ") + errnoText(errno));
    if (::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0) {
        const int error = errno;
        ::close(fd);
        return makeError(where + QStringLiteral("bind: ") + errnoText(error));
    }
    // Room for bursts: a full receive buffer drops queries.
    const int bufferBytes = 4 * 1024 * 1024;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufferBytes, sizeof bufferBytes);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bufferBytes, sizeof bufferBytes);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length);
    m_fd = fd;
    m_notifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &UdpEndpoint::readBatch);
    UdpPeer bound;
    bound.address = storage;
    bound.length = length;
    return bound.port();
}

void UdpEndpoint::close()
{
    m_notifier.reset();
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_outbox.clear();
}

void UdpEndpoint::reply(Bytes datagram, const UdpPeer &peer)
{
    m_outbox.emplace_back(std::move(datagram), peer);
    if (!m_inBatch)
        flush();
}

void UdpEndpoint::readBatch()
{
    m_inBatch = true;
    for (int round = 0; round < roundsPerWakeUp && m_fd >= 0; ++round) {
        int received = 0;
        UdpPeer peers[batchSize];
#ifdef __linux__
        mmsghdr messages[batchSize];
        iovec vectors[batchSize];
        for (int i = 0; i < batchSize; ++i) {
            vectors[i] = {m_buffers.data() + size_t(i) * slotSize, slotSize};
            messages[i] = {};
            messages[i].msg_hdr.msg_iov = &vectors[i];
            messages[i].msg_hdr.msg_iovlen = 1;
            messages[i].msg_hdr.msg_name = &peers[i].address;
            messages[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
        }
        received = ::recvmmsg(m_fd, messages, batchSize, MSG_DONTWAIT, nullptr);
        if (received <= 0)
            break;
        for (int i = 0; i < received; ++i) {
            if (messages[i].msg_hdr.msg_flags & MSG_TRUNC)
                continue; // larger than any query: junk
            peers[i].length = messages[i].msg_hdr.msg_namelen;
            m_handler(m_buffers.data() + size_t(i) * slotSize, messages[i].msg_len, peers[i]);
        }
#else
        for (; received < batchSize; ++received) {
            UdpPeer &peer = peers[received];
            peer.length = sizeof(sockaddr_storage);
            uint8_t *buffer = m_buffers.data() + size_t(received) * slotSize;
            const ssize_t size =
                ::recvfrom(m_fd, buffer, slotSize, MSG_DONTWAIT | MSG_TRUNC,
                           reinterpret_cast<sockaddr *>(&peer.address), &peer.length);
            if (size < 0)
                break;
            if (size_t(size) <= slotSize)
                m_handler(buffer, size_t(size), peer);
        }
        if (received == 0)
            break;
#endif
        flush();
        if (received < batchSize)
            break;
    }
    m_inBatch = false;
    flush();
}

void UdpEndpoint::flush()
{
    if (m_fd < 0 || m_outbox.empty()) {
        m_outbox.clear();
        return;
    }
#ifdef __linux__
    size_t next = 0;
    while (next < m_outbox.size()) {
        const size_t count = std::min<size_t>(batchSize, m_outbox.size() - next);
        mmsghdr messages[batchSize];
        iovec vectors[batchSize];
        for (size_t i = 0; i < count; ++i) {
            auto &[datagram, peer] = m_outbox[next + i];
            vectors[i] = {datagram.data(), datagram.size()};
            messages[i] = {};
            messages[i].msg_hdr.msg_iov = &vectors[i];
            messages[i].msg_hdr.msg_iovlen = 1;
            messages[i].msg_hdr.msg_name = &peer.address;
            messages[i].msg_hdr.msg_namelen = peer.length;
        }
        const int sent = ::sendmmsg(m_fd, messages, unsigned(count), MSG_DONTWAIT);
        // A datagram that cannot go (too large, buffer full) is skipped: DNS clients retry.
        next += sent > 0 ? size_t(sent) : 1;
    }
#else
    for (auto &[datagram, peer] : m_outbox)
        ::sendto(m_fd, datagram.data(), datagram.size(), MSG_DONTWAIT,
                 reinterpret_cast<const sockaddr *>(&peer.address), peer.length);
#endif
    m_outbox.clear();
}

} // namespace qonsul::dns
