#include "dns/Truncation.h"

#include "dns/WireCodec.h"

#include <algorithm>

namespace qonsul::dns {

namespace {

constexpr size_t defaultMaxUdpSize = 512;
constexpr int maxUdpAnswerLimit = 8;
constexpr size_t maxTcpSize = 65523; // 64 KiB less the overhead Consul keeps

size_t messageSize(const Message &message, bool compress)
{
    return compress ? compressedSize(message) : uncompressedSize(message);
}

bool exceeds(const Message &message, bool compress, size_t maxSize)
{
    // A message that fits uncompressed fits compressed: skip the encoding then.
    if (uncompressedSize(message) <= maxSize)
        return false;
    return !compress || compressedSize(message) > maxSize;
}

void setAnswerCount(Message &response, const std::vector<Record> &allAnswers, size_t count,
                    const std::vector<Record> &additional, bool hasAdditional)
{
    response.answer.assign(allAnswers.begin(), allAnswers.begin() + ptrdiff_t(count));
    if (hasAdditional)
        keepAdditionalForSrvTargets(response, additional);
}

// The most answers that fit in `maxSize`, found by bisection (Consul's dnsBinaryTruncate).
size_t bisectAnswerCount(Message &response, size_t maxSize, bool compress,
                         const std::vector<Record> &additional, bool hasAdditional)
{
    const std::vector<Record> answers = response.answer;
    size_t start = 0, end = answers.size() + 1;
    while (end - start > 1) {
        const size_t median = start + (end - start) / 2;
        setAnswerCount(response, answers, median, additional, hasAdditional);
        const size_t size = messageSize(response, compress);
        if (size <= maxSize) {
            if (maxSize - size < 10)
                return median; // close enough: one more would not fit
            start = median;
        } else {
            end = median;
        }
    }
    return start;
}

// Removes answers until the message fits; keeps at least one.
void shrinkToFit(Message &response, size_t maxSize, bool compress,
                 const std::vector<Record> &additional, bool hasAdditional)
{
    while (response.answer.size() > 1 && exceeds(response, compress, maxSize)) {
        const std::vector<Record> answers = response.answer;
        size_t count = answers.size() - 1;
        // Consul's bisection can end at zero answers when even one is too big; it means to
        // keep one ("try to send it anyway"), and so does Qonsul.
        if (messageSize(response, compress) - maxSize > 100)
            count = std::max<size_t>(
                1, bisectAnswerCount(response, maxSize, compress, additional, hasAdditional));
        setAnswerCount(response, answers, count, additional, hasAdditional);
    }
}

} // namespace

void keepAdditionalForSrvTargets(Message &response, const std::vector<Record> &additional)
{
    // A handful of records either way: scans beat maps of lower-cased dotted names (which
    // were a seventh of a 6-instance SRV answer's cost).
    const auto firstNamed = [&additional](const Name &name) -> const Record * {
        for (const Record &r : additional)
            if (equalsIgnoringCase(r.name, name))
                return &r;
        return nullptr;
    };
    std::vector<Record> kept;
    std::vector<const Name *> resolved;
    const auto seen = [&resolved](const Name &name) {
        return std::any_of(resolved.begin(), resolved.end(),
                           [&name](const Name *n) { return equalsIgnoringCase(*n, name); });
    };
    for (const Record &answer : response.answer) {
        const auto *srv = std::get_if<SrvData>(&answer.data);
        if (!srv || answer.type != rrtype::SRV)
            continue;
        const Name *target = &srv->target;
        while (!seen(*target)) {
            resolved.push_back(target);
            const Record *found = firstNamed(*target);
            if (!found)
                break;
            kept.push_back(*found);
            if (found->type != rrtype::CNAME)
                break;
            target = &std::get<Name>(found->data);
        }
    }
    response.additional = std::move(kept);
}

bool trimUdpResponse(Message &response, const std::optional<Edns> &requestEdns, int udpAnswerLimit)
{
    const size_t answerCount = response.answer.size();
    size_t maxSize = defaultMaxUdpSize;
    if (requestEdns && requestEdns->udpSize > maxSize)
        maxSize = requestEdns->udpSize;

    // Without EDNS, a useful but limited number of answers, measured uncompressed so that the
    // answer stays within 512 bytes even if something on the way decompresses it.
    bool compress = true;
    const size_t maxAnswers = size_t(std::max(0, std::min(maxUdpAnswerLimit, udpAnswerLimit)));
    const bool cutToCount = maxSize == defaultMaxUdpSize && answerCount > maxAnswers;
    if (!cutToCount && (answerCount <= 1 || !exceeds(response, compress, maxSize)))
        return false; // the common case: nothing to cut, nothing copied
    // The additional section as built: what is kept of it is rebuilt from it after each cut.
    const bool hasAdditional = !response.additional.empty();
    const std::vector<Record> additional = std::move(response.additional);
    if (cutToCount) {
        compress = false;
        response.answer.resize(maxAnswers);
        if (hasAdditional)
            keepAdditionalForSrvTargets(response, additional); // sets what is kept
    } else {
        response.additional = additional;
    }
    shrinkToFit(response, maxSize, compress, additional, hasAdditional);
    return response.answer.size() < answerCount;
}

bool trimTcpResponse(Message &response, uint16_t questionType)
{
    // More records never fit in 64 KiB, even compressed.
    const size_t truncateAt = questionType == rrtype::SRV ? 1024 : 4096;
    if (response.answer.size() > truncateAt)
        response.answer.resize(truncateAt);
    if (response.answer.size() <= 1 || !exceeds(response, true, maxTcpSize))
        return false;
    const bool hasAdditional = !response.additional.empty();
    const std::vector<Record> additional = response.additional;
    shrinkToFit(response, maxTcpSize, true, additional, hasAdditional);
    return true;
}

} // namespace qonsul::dns
