#include "proxy/SocketBio.h"

#include <cerrno>
#include <cstring>
#include <openssl/bio.h>
#include <sys/socket.h>
#include <unistd.h>

namespace qonsul::proxy {

namespace {

const BIO_METHOD *socketBioMethod(int (*read)(BIO *, char *, int),
                                  int (*write)(BIO *, const char *, int),
                                  long (*control)(BIO *, int, long, void *))
{
    // One immutable method table for the process, as OpenSSL's own socket BIO has.
    static BIO_METHOD *const method = [&] {
        BIO_METHOD *m =
            BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "qonsul proxy socket");
        BIO_meth_set_read(m, read);
        BIO_meth_set_write(m, write);
        BIO_meth_set_ctrl(m, control);
        BIO_meth_set_create(m, [](BIO *bio) {
            BIO_set_init(bio, 1);
            return 1;
        });
        return m;
    }();
    return method;
}

} // namespace

SocketBio::SocketBio(int fd, std::shared_ptr<BufferPool> pool)
    : m_fd(fd), m_pool(std::move(pool))
{
}

SocketBio::~SocketBio()
{
    m_pool->give(std::move(m_buffer));
}

BIO *SocketBio::newBio()
{
    BIO *bio =
        BIO_new(socketBioMethod(&SocketBio::bioRead, &SocketBio::bioWrite, &SocketBio::bioControl));
    if (bio)
        BIO_set_data(bio, this);
    return bio;
}

SocketBio::Flush SocketBio::flush()
{
    while (m_start < m_end) {
        const ssize_t n = ::send(m_fd, m_buffer.get() + m_start, m_end - m_start, MSG_NOSIGNAL);
        if (n > 0) {
            m_start += size_t(n);
        } else if (errno == EINTR) {
            continue;
        } else {
            return errno == EAGAIN || errno == EWOULDBLOCK ? Flush::Blocked : Flush::Failed;
        }
    }
    m_start = m_end = 0;
    m_pool->give(std::move(m_buffer));
    return Flush::Done;
}

int SocketBio::bioRead(BIO *bio, char *data, int length)
{
    auto *self = static_cast<SocketBio *>(BIO_get_data(bio));
    BIO_clear_retry_flags(bio);
    if (length <= 0)
        return 0;
    ssize_t n;
    do
        n = ::read(self->m_fd, data, size_t(length));
    while (n < 0 && errno == EINTR);
    if (n > 0) {
        self->m_drained = n < length;
        return int(n);
    }
    self->m_drained = true;
    if (n == 0)
        self->m_eof = true; // OpenSSL asks (BIO_eof) to tell a cut connection from a pause
    else if (errno == EAGAIN || errno == EWOULDBLOCK)
        BIO_set_retry_read(bio);
    return int(n);
}

int SocketBio::bioWrite(BIO *bio, const char *data, int length)
{
    auto *self = static_cast<SocketBio *>(BIO_get_data(bio));
    BIO_clear_retry_flags(bio);
    if (length <= 0)
        return 0;
    const size_t size = size_t(length);
    if (self->m_end + size > BufferPool::capacity) {
        // Full: send what is there first. A record never exceeds the capacity, so once the
        // buffer is empty it fits.
        if (self->flush() == Flush::Failed)
            return -1;
        if (self->m_end + size > BufferPool::capacity) {
            if (self->m_start > 0) { // partly sent: move the rest to the front
                std::memmove(self->m_buffer.get(), self->m_buffer.get() + self->m_start,
                             self->pending());
                self->m_end -= self->m_start;
                self->m_start = 0;
            }
            if (self->m_end + size > BufferPool::capacity) {
                BIO_set_retry_write(bio);
                return -1;
            }
        }
    }
    if (!self->m_buffer)
        self->m_buffer = self->m_pool->take();
    std::memcpy(self->m_buffer.get() + self->m_end, data, size);
    self->m_end += size;
    return length;
}

long SocketBio::bioControl(BIO *bio, int command, long, void *)
{
    auto *self = static_cast<SocketBio *>(BIO_get_data(bio));
    switch (command) {
    case BIO_CTRL_FLUSH:
        BIO_clear_retry_flags(bio);
        switch (self->flush()) {
        case Flush::Done:
            return 1;
        case Flush::Blocked:
            BIO_set_retry_write(bio);
            return -1;
        case Flush::Failed:
            return -1;
        }
        return -1;
    case BIO_CTRL_WPENDING:
        return long(self->pending());
    case BIO_CTRL_PENDING:
        return 0;
    case BIO_CTRL_EOF:
        return self->m_eof ? 1 : 0;
    default:
        return 0;
    }
}

} // namespace qonsul::proxy
