#pragma once
// The BIO between OpenSSL and a proxied connection's socket. It does what OpenSSL's socket BIO
// does, counting system calls, since on loopback they, not the cipher, set the pace (and in a
// virtual machine each one toggles interrupts):
// - outgoing records collect in one pooled buffer and leave in one send() when the relay
//   flushes or the buffer fills, not one send() (one packet, one wake-up of the peer) per
//   16 KiB record; the buffer goes back to the pool whenever it drains;
// - a read that returns less than it asked for is remembered, so the relay knows the socket
//   is empty without a further read that would only say EAGAIN.

#include "proxy/BufferPool.h"

#include <cstddef>
#include <memory>

typedef struct bio_st BIO;

namespace qonsul::proxy {

class SocketBio
{
public:
    SocketBio(int fd, std::shared_ptr<BufferPool> pool);
    ~SocketBio();
    SocketBio(const SocketBio &) = delete;
    SocketBio &operator=(const SocketBio &) = delete;

    // A new BIO reading and writing through this object; the SSL it is given to owns it, and
    // this object must outlive that SSL.
    BIO *newBio();

    enum class Flush { Done, Blocked, Failed };
    // Sends what is pending; Blocked when the socket takes no more (wait for writable),
    // Failed on a socket error (errno says which).
    Flush flush();
    size_t pending() const { return m_end - m_start; }
    // The last read got fewer bytes than it asked for: the socket had no more just then.
    bool drained() const { return m_drained; }

private:
    static int bioRead(BIO *bio, char *data, int length);
    static int bioWrite(BIO *bio, const char *data, int length);
    static long bioControl(BIO *bio, int command, long number, void *pointer);

    int m_fd;
    std::shared_ptr<BufferPool> m_pool;
    std::unique_ptr<char[]> m_buffer; // outgoing records
    size_t m_start = 0;
    size_t m_end = 0;
    bool m_drained = false;
    bool m_eof = false;
};

} // namespace qonsul::proxy
