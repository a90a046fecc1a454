#include "dns/PacketHandler.h"

#include "dns/PlainServiceAnswer.h"

namespace qonsul::dns {

std::string typeName(uint16_t type)
{
    switch (type) {
    case rrtype::A:
        return "A";
    case rrtype::NS:
        return "NS";
    case rrtype::CNAME:
        return "CNAME";
    case rrtype::SOA:
        return "SOA";
    case rrtype::PTR:
        return "PTR";
    case rrtype::MX:
        return "MX";
    case rrtype::TXT:
        return "TXT";
    case rrtype::AAAA:
        return "AAAA";
    case rrtype::SRV:
        return "SRV";
    case rrtype::AXFR:
        return "AXFR";
    case rrtype::ANY:
        return "ANY";
    default:
        return "TYPE" + std::to_string(type);
    }
}

std::string className(uint16_t questionClass)
{
    switch (questionClass) {
    case 1:
        return "IN";
    case 3:
        return "CH";
    case 4:
        return "HS";
    case 255:
        return "ANY";
    default:
        return "CLASS" + std::to_string(questionClass);
    }
}

std::string questionSummary(const Question &question)
{
    return "name " + question.name.dotted() + " type " + typeName(question.type) + " class " +
           className(question.questionClass);
}

namespace {

bool holdsSoa(const Message &message)
{
    for (const auto *section : {&message.answer, &message.authority, &message.additional}) {
        for (const Record &r : *section) {
            if (r.type == rrtype::SOA)
                return true;
        }
    }
    return false;
}

} // namespace

PacketOutcome handlePacket(const uint8_t *data, size_t size, const state::StateStore &store,
                           const DnsConfig &config, Transport transport, uint32_t unixTime,
                           Random &random, const PacketOptions &options)
{
    PacketOutcome outcome;
    const DecodedQuery decoded = decodeQuery(data, size);
    switch (decoded.rejection) {
    case Rejection::Drop:
        outcome.summary = "dropped: not a DNS query";
        return outcome;
    case Rejection::FormatError:
        outcome.action = PacketOutcome::Action::Reply;
        outcome.response = encodeRejection(decoded.received, rcode::FormatError);
        outcome.summary = "malformed query: FORMERR";
        return outcome;
    case Rejection::NotImplemented:
        outcome.action = PacketOutcome::Action::Reply;
        outcome.response = encodeRejection(decoded.received, rcode::NotImplemented);
        outcome.summary = "opcode " + std::to_string(decoded.received.opcode) + ": NOTIMP";
        return outcome;
    case Rejection::None:
        break;
    }
    if (options.withSummary)
        outcome.summary = questionSummary(decoded.query.question());

    if (std::optional<PlainServiceAnswer> plain = answerPlainServiceQuery(
            decoded.query, store, config, transport, random, options.resolve)) {
        outcome.action = PacketOutcome::Action::Reply;
        outcome.response = std::move(plain->wire);
        outcome.reusable = true;
        outcome.shuffledCount = plain->shuffledCount;
        outcome.permutation = plain->permutation;
        return outcome;
    }
    const Resolution resolution =
        resolve(decoded.query, store, config, transport, unixTime, random, options.resolve);
    std::optional<Bytes> wire = encodeMessage(resolution.response);
    if (!wire) {
        // A record could not be encoded (a catalog name that is no DNS name): SERVFAIL.
        Message failure = replyTo(decoded.query);
        failure.header.rcode = rcode::ServerFailure;
        wire = encodeMessage(failure);
        if (!wire)
            wire = encodeRejection(decoded.received, rcode::ServerFailure);
    }
    outcome.action =
        resolution.forward ? PacketOutcome::Action::Forward : PacketOutcome::Action::Reply;
    outcome.response = std::move(*wire);
    outcome.reusable = !resolution.forward && resolution.replayable;
    outcome.shuffledCount = resolution.shuffledCount;
    outcome.permutation = resolution.permutation;
    outcome.clockDependent = holdsSoa(resolution.response);
    return outcome;
}

} // namespace qonsul::dns
