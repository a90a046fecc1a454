#include "dns/PlainServiceAnswer.h"

#include "dns/IpAddress.h"
#include "state/StateStore.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <string_view>

namespace qonsul::dns {

namespace {

constexpr size_t headerSize = 12;
constexpr size_t maxUdpSize = 512;
constexpr size_t maxLabels = 8;
constexpr size_t maxInstances = 20; // more cannot be shuffled by a numbered order
constexpr size_t maxKept = 8;       // udp_answer_limit is capped at 8
constexpr size_t maxPointerOffset = 0x3fff;

// A name as views of its labels (into the query, the store and the configuration).
class LabelViews
{
public:
    bool add(std::string_view label)
    {
        if (m_count == maxLabels)
            return false;
        m_labels[m_count++] = label;
        return true;
    }
    // Splits at every '.' (empty labels kept), as the resolver splits node and datacenter
    // names; `dropFinalDot` ignores one final dot and reads "" as the root, as
    // Name::fromDotted does.
    bool addDotted(std::string_view text, bool dropFinalDot)
    {
        if (dropFinalDot) {
            if (!text.empty() && text.back() == '.')
                text.remove_suffix(1);
            if (text.empty())
                return true;
        }
        for (size_t start = 0;;) {
            const size_t dot = text.find('.', start);
            if (!add(text.substr(start, dot == std::string_view::npos ? dot : dot - start)))
                return false;
            if (dot == std::string_view::npos)
                return true;
            start = dot + 1;
        }
    }
    size_t size() const { return m_count; }
    std::string_view operator[](size_t i) const { return m_labels[i]; }
    // Octets on the wire, uncompressed; 0 for a name the encoder refuses (an empty label, one
    // over 63 octets, over 255 in all).
    size_t wireLength() const
    {
        size_t length = 1;
        for (size_t i = 0; i < m_count; ++i) {
            if (m_labels[i].empty() || m_labels[i].size() > 63)
                return 0;
            length += 1 + m_labels[i].size();
        }
        return length > 255 ? 0 : length;
    }

private:
    std::array<std::string_view, maxLabels> m_labels;
    size_t m_count = 0;
};

// Writes as WireEncoder does, compression included (a name, or its longest tail, written in
// full before becomes a pointer; compared without regard to case).
class Writer
{
public:
    explicit Writer(size_t capacity) { m_out.reserve(capacity); }
    Bytes take() { return std::move(m_out); }

    void u8(uint8_t value) { m_out.push_back(value); }
    void u16(uint16_t value)
    {
        m_out.push_back(uint8_t(value >> 8));
        m_out.push_back(uint8_t(value));
    }
    void u32(uint32_t value)
    {
        u16(uint16_t(value >> 16));
        u16(uint16_t(value));
    }
    void bytes(const uint8_t *data, size_t size) { m_out.insert(m_out.end(), data, data + size); }

    // `name` must outlive the writer when `compress` is set (its tails are kept).
    void name(const LabelViews &name, bool compress)
    {
        for (size_t first = 0; first < name.size(); ++first) {
            if (compress) {
                if (const auto pointer = find(name, first)) {
                    u16(uint16_t(0xc000 | *pointer));
                    return;
                }
                if (m_out.size() <= maxPointerOffset)
                    m_tails[m_tailCount++] = Tail{&name, first, uint16_t(m_out.size())};
            }
            const std::string_view label = name[first];
            u8(uint8_t(label.size()));
            bytes(reinterpret_cast<const uint8_t *>(label.data()), label.size());
        }
        u8(0);
    }

private:
    struct Tail
    {
        const LabelViews *name;
        size_t first;
        uint16_t offset;
    };

    std::optional<uint16_t> find(const LabelViews &name, size_t first) const
    {
        const size_t count = name.size() - first;
        for (size_t t = 0; t < m_tailCount; ++t) {
            const Tail &tail = m_tails[t];
            if (tail.name->size() - tail.first != count)
                continue;
            bool same = true;
            for (size_t i = 0; i < count && same; ++i)
                same = labelEqualsIgnoringCase((*tail.name)[tail.first + i], name[first + i]);
            if (same)
                return tail.offset;
        }
        return std::nullopt;
    }

    Bytes m_out;
    // The question's tails and those of each additional owner: at most 1 + maxKept names.
    std::array<Tail, maxLabels *(1 + maxKept)> m_tails;
    size_t m_tailCount = 0;
};

std::optional<Ipv4> ipv4Of(const std::string &address)
{
    const std::optional<IpAddress> ip = parseIp(address);
    if (!ip || !std::holds_alternative<Ipv4>(*ip))
        return std::nullopt;
    return std::get<Ipv4>(*ip);
}

} // namespace

std::optional<PlainServiceAnswer> answerPlainServiceQuery(const Message &query,
                                                          const state::StateStore &store,
                                                          const DnsConfig &config,
                                                          Transport transport, Random &random,
                                                          const ResolveOptions &options)
{
    // --- The question: <service>.service.<domain>, A or SRV, IN, UDP, no EDNS. -------------
    if (transport != Transport::Udp || query.edns || query.questions.size() != 1 ||
        !config.altDomain.empty())
        return std::nullopt;
    const Question &question = query.question();
    const bool srv = question.type == rrtype::SRV;
    if ((!srv && question.type != rrtype::A) || question.questionClass != classIn)
        return std::nullopt;
    LabelViews domain;
    if (!domain.addDotted(config.domain, true) || domain.size() == 0)
        return std::nullopt;
    const auto &labels = question.name.labels;
    if (labels.size() != domain.size() + 2 || labels.size() > maxLabels)
        return std::nullopt;
    for (size_t i = 0; i < domain.size(); ++i)
        if (!labelEqualsIgnoringCase(labels[2 + i], domain[i]))
            return std::nullopt;
    if (!labelEqualsIgnoringCase(labels[1], "service") || labels[0].empty() ||
        labels[0].front() == '_')
        return std::nullopt;
    LabelViews asked;
    for (const std::string &label : labels)
        asked.add(label);
    const size_t askedLength = asked.wireLength();

    // --- The instances, and whether every order of them gives a plain answer. -------------
    const std::string service = lowered(labels[0]);
    std::vector<Instance> filtered;
    const std::vector<Instance> *instances = nullptr;
    if (options.instances) {
        instances =
            &options.instances->instances(store, service, std::string(), config.onlyPassing);
    } else {
        filtered = healthyInstances(store, service, std::string(), config.onlyPassing);
        instances = &filtered;
    }
    const size_t n = instances->size();
    const size_t limit = size_t(std::clamp(config.udpAnswerLimit, 0, int(maxKept)));
    if (n == 0 || n > maxInstances || limit == 0)
        return std::nullopt;
    const std::string datacenter = lowered(config.datacenter);
    std::array<Ipv4, maxInstances> addresses;
    std::array<LabelViews, maxInstances> targets; // SRV only
    std::array<size_t, maxInstances> recordSizes;
    for (size_t i = 0; i < n; ++i) {
        const Instance &instance = (*instances)[i];
        if (config.nodeMetaTxt && !instance.node->meta.empty())
            return std::nullopt; // TXT records would join the answer
        const std::string &address =
            instance.service->address.empty() ? instance.node->address : instance.service->address;
        const std::optional<Ipv4> ip = ipv4Of(address);
        if (!ip)
            return std::nullopt;
        addresses[i] = *ip;
        if (!srv) {
            recordSizes[i] = askedLength + 10 + 4;
            // Duplicate addresses collapse into one record.
            for (size_t j = 0; j < i; ++j)
                if (address == ((*instances)[j].service->address.empty()
                                    ? (*instances)[j].node->address
                                    : (*instances)[j].service->address))
                    return std::nullopt;
            continue;
        }
        if (address != instance.node->address)
            return std::nullopt; // the target would be a `.addr` name
        for (size_t j = 0; j < i; ++j)
            if (labelEqualsIgnoringCase((*instances)[j].node->name, instance.node->name))
                return std::nullopt; // one SRV target for two instances
        LabelViews &target = targets[i];
        if (!target.addDotted(instance.node->name, false) || !target.add("node") ||
            !target.addDotted(datacenter, false))
            return std::nullopt;
        for (size_t d = 0; d < domain.size(); ++d)
            if (!target.add(domain[d]))
                return std::nullopt;
        const size_t targetLength = target.wireLength();
        if (targetLength == 0)
            return std::nullopt;
        recordSizes[i] = (askedLength + 10 + 6 + targetLength) + (targetLength + 10 + 4);
    }

    // The resolver builds one record more than it keeps (see serviceLookup), then cuts.
    size_t built = std::min(n, limit + 1);
    if (!srv && config.aRecordLimit > 0)
        built = std::min(built, size_t(config.aRecordLimit));
    const size_t kept = std::min(built, limit);
    // Whatever the order, what is kept must fit without EDNS (else the resolver bisects).
    std::array<size_t, maxInstances> largest = recordSizes;
    std::partial_sort(largest.begin(), largest.begin() + ptrdiff_t(kept),
                      largest.begin() + ptrdiff_t(n), std::greater<>());
    const size_t worst = std::accumulate(largest.begin(), largest.begin() + ptrdiff_t(kept),
                                         headerSize + askedLength + 4);
    if (worst > maxUdpSize)
        return std::nullopt;

    // --- The order, drawn as the resolver draws it. ----------------------------------------
    PlainServiceAnswer answer;
    std::array<uint8_t, maxInstances> order;
    std::iota(order.begin(), order.end(), uint8_t(0));
    if (n >= 2) {
        const uint64_t orders = permutationCount(n);
        answer.permutation = options.permutation && *options.permutation < orders
                                 ? *options.permutation
                                 : std::uniform_int_distribution<uint64_t>(0, orders - 1)(random);
        answer.shuffledCount = n;
        applyPermutation(order.data(), n, answer.permutation);
    }

    // --- The reply. ---------------------------------------------------------------------------
    const uint32_t ttl = config.ttlForService(service);
    const Header &h = query.header;
    const bool truncated = built > kept && config.enableTruncate;
    Writer w(maxUdpSize);
    w.u16(h.id);
    w.u8(uint8_t(0x80 | (h.opcode & 0xf) << 3 | 1 << 2 | int(truncated) << 1 |
                 int(h.recursionDesired)));
    w.u8(uint8_t(int(!config.recursors.empty()) << 7 | int(h.checkingDisabled) << 4));
    w.u16(1);
    w.u16(uint16_t(kept));
    w.u16(0);
    w.u16(uint16_t(srv ? kept : 0));
    w.name(asked, true);
    w.u16(question.type);
    w.u16(question.questionClass);
    for (size_t k = 0; k < kept; ++k) {
        const size_t i = order[k];
        w.name(asked, true);
        w.u16(question.type);
        w.u16(classIn);
        w.u32(ttl);
        if (!srv) {
            w.u16(4);
            w.bytes(addresses[i].data(), addresses[i].size());
            continue;
        }
        const Instance &instance = (*instances)[i];
        w.u16(uint16_t(6 + targets[i].wireLength()));
        w.u16(1); // priority
        w.u16(uint16_t(instance.weight));
        w.u16(uint16_t(instance.service->port));
        w.name(targets[i], false); // SRV targets are never compressed (RFC 2782)
    }
    if (srv) {
        for (size_t k = 0; k < kept; ++k) {
            const size_t i = order[k];
            w.name(targets[i], true);
            w.u16(rrtype::A);
            w.u16(classIn);
            w.u32(ttl);
            w.u16(4);
            w.bytes(addresses[i].data(), addresses[i].size());
        }
    }
    answer.wire = w.take();
    return answer;
}

} // namespace qonsul::dns
