#pragma once
// Relay buffers lent out while bytes are in flight and taken back when they drain, so an idle
// proxied connection holds no buffer at all and a busy one does not allocate per read. One
// pool per proxy, shared by its relays (which may outlive the proxy's other members while Qt
// deletes its children, hence shared ownership).

#include <cstddef>
#include <memory>
#include <vector>

namespace qonsul::proxy {

class BufferPool
{
public:
    // A relay buffer: 64 KiB of payload, which becomes four full TLS records, plus room for
    // their headers, nonces and tags so the four leave in one send().
    static constexpr size_t payloadSize = 64 * 1024;
    static constexpr size_t capacity = payloadSize + 4 * 1024;
    static constexpr size_t kept = 64; // free buffers kept for the next burst

    std::unique_ptr<char[]> take()
    {
        ++m_lent;
        if (m_free.empty())
            return std::make_unique_for_overwrite<char[]>(capacity);
        std::unique_ptr<char[]> buffer = std::move(m_free.back());
        m_free.pop_back();
        return buffer;
    }

    void give(std::unique_ptr<char[]> buffer)
    {
        if (!buffer)
            return;
        --m_lent;
        if (m_free.size() < kept)
            m_free.push_back(std::move(buffer));
    }

    size_t freeCount() const { return m_free.size(); }
    size_t lent() const { return m_lent; } // buffers out holding bytes right now

private:
    std::vector<std::unique_ptr<char[]>> m_free;
    size_t m_lent = 0;
};

} // namespace qonsul::proxy
