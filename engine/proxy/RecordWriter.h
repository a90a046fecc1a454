#pragma once
// Where OpenSSL writes a connection's outgoing TLS records: a BIO that collects them in one
// pooled buffer and sends them together when the relay flushes (or the buffer fills). A socket
// BIO would make one send() per 16 KiB record; on loopback every send is a packet, a wake-up
// of the peer and, in a virtual machine, a costly interrupt toggle, and that per-send cost is
// what limited throughput. The buffer goes back to the pool whenever it drains.

#include "proxy/BufferPool.h"

#include <cstddef>
#include <memory>

typedef struct bio_st BIO;

namespace qonsul::proxy {

class RecordWriter
{
public:
    RecordWriter(int fd, std::shared_ptr<BufferPool> pool);
    ~RecordWriter();
    RecordWriter(const RecordWriter &) = delete;
    RecordWriter &operator=(const RecordWriter &) = delete;

    // A new BIO writing into this writer; the SSL it is given to owns it, this writer must
    // outlive that SSL.
    BIO *newBio();

    enum class Flush { Done, Blocked, Failed };
    // Sends what is pending; Blocked when the socket takes no more (wait for writable),
    // Failed on a socket error (errno says which).
    Flush flush();
    size_t pending() const { return m_end - m_start; }

private:
    static int bioWrite(BIO *bio, const char *data, int length);
    static long bioControl(BIO *bio, int command, long number, void *pointer);

    int m_fd;
    std::shared_ptr<BufferPool> m_pool;
    std::unique_ptr<char[]> m_buffer;
    size_t m_start = 0;
    size_t m_end = 0;
};

} // namespace qonsul::proxy
