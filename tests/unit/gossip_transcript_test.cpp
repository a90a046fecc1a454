// The gossip core message by message, from data-driven transcripts in the style of etcd-raft's
// testdata: tests/unit/testdata/gossip/*.txt. Each case is a command, a line "----", and what
// the member under test sent and reported in answer, up to a blank line:
//
//   new n0 seed=1 [dev]                 a member n0 (address n0) at t=0, LAN timings by default
//   receive n1 [tcp] t=MS: MSG | MSG    a packet from n1 (UDP unless tcp)
//   tick t=MS                           the clock reaches MS
//   join [ignore-old] ADDR...           push/pull with each address (ignoring their old events)
//   fire NAME [payload=P] t=MS          a user event from this member
//   events                              the event clock
//   leave t=MS
//   members                             each member: name, state, incarnation
//   state                               awareness, next deadline, suspicions' deadlines
//
// Messages as written and printed: ping seq=S target=T source=F; indirect seq=S target=T
// addr=A source=F; ack seq=S; nack seq=S; alive NAME inc=I; suspect NAME inc=I from=F;
// dead NAME inc=I from=F; user NAME lt=L [payload=P]; pushpull [join] [reply] [elt=L]
// NAME:STATE:INC ... [ev=LT:NAME:PAYLOAD ...]. Sent packets print as "-> ADDR udp|tcp: MSG | MSG",
// membership events as "event KIND NAME", delivered user events as "deliver NAME lt=L payload=P".
// QONSUL_REWRITE=1 rewrites the expected parts from what the core does (review the diff).
#include "TranscriptFile.h"
#include "gossip/Swim.h"

#include <QDir>
#include <QtTest>
#include <optional>
#include <sstream>

using namespace qonsul::gossip;
using namespace qonsul::testing;

namespace {

uint32_t number(const std::vector<std::string> &words, const std::string &name)
{
    const std::string text = wordValue(words, name);
    return text.empty() ? 0 : uint32_t(std::stoul(text));
}

MemberState stateNamed(const std::string &name)
{
    for (MemberState s :
         {MemberState::Alive, MemberState::Suspect, MemberState::Dead, MemberState::Left})
        if (name == memberStateName(s))
            return s;
    throw std::runtime_error("no member state " + name);
}

Message parseMessage(const std::string &text)
{
    const std::vector<std::string> w = splitWords(trimSpaces(text));
    if (w.empty())
        throw std::runtime_error("empty message");
    const std::string &kind = w[0];
    if (kind == "ping")
        return Ping{number(w, "seq"), wordValue(w, "target"), wordValue(w, "source")};
    if (kind == "indirect")
        return IndirectPing{number(w, "seq"), wordValue(w, "target"), wordValue(w, "addr"), true,
                            wordValue(w, "source")};
    if (kind == "ack")
        return Ack{number(w, "seq"), wordValue(w, "payload")};
    if (kind == "nack")
        return Nack{number(w, "seq")};
    if (kind == "alive")
        return Alive{MemberInfo{w.at(1), w.at(1), number(w, "inc"), {}}};
    if (kind == "suspect")
        return Suspect{number(w, "inc"), w.at(1), wordValue(w, "from")};
    if (kind == "dead")
        return Dead{number(w, "inc"), w.at(1), wordValue(w, "from")};
    if (kind == "user")
        return UserEvent{std::stoull(wordValue(w, "lt")), w.at(1), wordValue(w, "payload")};
    if (kind == "pushpull") {
        PushPull p;
        for (size_t i = 1; i < w.size(); ++i) {
            if (w[i] == "join")
                p.join = true;
            else if (w[i] == "reply")
                p.reply = true;
            else if (w[i].starts_with("elt="))
                p.eventLTime = std::stoull(w[i].substr(4));
            else if (w[i].starts_with("ev=")) {
                const std::vector<std::string> parts = splitWords(w[i].substr(3), ':');
                p.events.push_back(
                    {std::stoull(parts.at(0)), parts.at(1), parts.size() > 2 ? parts[2] : ""});
            } else {
                const std::vector<std::string> parts = splitWords(w[i], ':');
                p.states.push_back(
                    {MemberInfo{parts.at(0), parts.at(0), uint32_t(std::stoul(parts.at(2))), {}},
                     stateNamed(parts.at(1))});
            }
        }
        return p;
    }
    throw std::runtime_error("unknown message " + kind);
}

std::string print(const Message &message)
{
    std::ostringstream out;
    if (const auto *m = std::get_if<Ping>(&message))
        out << "ping seq=" << m->seq << " target=" << m->target << " source=" << m->source;
    else if (const auto *m = std::get_if<IndirectPing>(&message))
        out << "indirect seq=" << m->seq << " target=" << m->target << " addr=" << m->targetAddress
            << " source=" << m->source;
    else if (const auto *m = std::get_if<Ack>(&message))
        out << "ack seq=" << m->seq << (m->payload.empty() ? "" : " payload=" + m->payload);
    else if (const auto *m = std::get_if<Nack>(&message))
        out << "nack seq=" << m->seq;
    else if (const auto *m = std::get_if<Alive>(&message))
        out << "alive " << m->member.name << " inc=" << m->member.incarnation;
    else if (const auto *m = std::get_if<Suspect>(&message))
        out << "suspect " << m->name << " inc=" << m->incarnation << " from=" << m->from;
    else if (const auto *m = std::get_if<Dead>(&message))
        out << "dead " << m->name << " inc=" << m->incarnation << " from=" << m->from;
    else if (const auto *m = std::get_if<PushPull>(&message)) {
        out << "pushpull";
        if (m->join)
            out << " join";
        if (m->reply)
            out << " reply";
        if (m->eventLTime > 0)
            out << " elt=" << m->eventLTime;
        for (const PushPullState &s : m->states)
            out << ' ' << s.member.name << ':' << memberStateName(s.state) << ':'
                << s.member.incarnation;
        for (const UserEvent &e : m->events)
            out << " ev=" << e.ltime << ':' << e.name << ':' << e.payload;
    } else if (const auto *m = std::get_if<UserEvent>(&message)) {
        out << "user " << m->name << " lt=" << m->ltime;
        if (!m->payload.empty())
            out << " payload=" << m->payload;
    }
    return out.str();
}

// Runs one command against the member; what it sent and reported.
std::string run(std::optional<Swim> &swim, const std::string &command)
{
    const std::string head = command.substr(0, command.find(':'));
    const std::vector<std::string> w = splitWords(head);
    std::ostringstream out;
    const Ms t = wordValue(w, "t").empty() ? 0 : std::stoll(wordValue(w, "t"));
    if (w.at(0) == "new") {
        const GossipConfig config = std::find(w.begin(), w.end(), "dev") != w.end()
                                        ? GossipConfig::dev()
                                        : GossipConfig::lan();
        swim.emplace(config, MemberInfo{w.at(1), w.at(1), 0, {}}, number(w, "seed"), 0);
    } else if (w[0] == "receive") {
        Packet packet;
        for (const std::string &part : splitWords(command.substr(command.find(':') + 1), '|'))
            packet.messages.push_back(parseMessage(part));
        const bool reliable = std::find(w.begin(), w.end(), "tcp") != w.end();
        swim->receive(w.at(1), packet, reliable, t);
    } else if (w[0] == "tick") {
        swim->tick(t);
    } else if (w[0] == "join") {
        const bool ignoreOld = w.size() > 1 && w[1] == "ignore-old";
        swim->join(std::vector<std::string>(w.begin() + (ignoreOld ? 2 : 1), w.end()), t,
                   ignoreOld);
    } else if (w[0] == "fire") {
        const std::string error = swim->fireUserEvent(w.at(1), wordValue(w, "payload"), t);
        if (!error.empty())
            out << "error: " << error << '\n';
    } else if (w[0] == "events") {
        out << "clock=" << swim->eventTime() << '\n';
    } else if (w[0] == "leave") {
        swim->leave(t);
    } else if (w[0] == "force-leave") {
        out << (swim->forceLeave(w.at(1), t) ? "forced\n" : "refused\n");
    } else if (w[0] == "members") {
        for (const auto &[name, m] : swim->members())
            out << name << ' ' << memberStateName(m.state) << " inc=" << m.info.incarnation << '\n';
    } else if (w[0] == "state") {
        out << "awareness=" << swim->awareness() << " next=" << swim->nextDeadline() << '\n';
        for (const auto &[name, deadline] : swim->suspicionDeadlines())
            out << "suspicion " << name << " until=" << deadline << '\n';
    } else {
        throw std::runtime_error("unknown command " + w[0]);
    }
    for (const Outgoing &o : swim->takeOutgoing()) {
        out << "-> " << o.to << (o.reliable ? " tcp: " : " udp: ");
        for (size_t i = 0; i < o.packet.messages.size(); ++i)
            out << (i ? " | " : "") << print(o.packet.messages[i]);
        out << '\n';
    }
    for (const MemberEvent &e : swim->takeEvents())
        out << "event " << memberEventName(e.kind) << ' ' << e.member.info.name << '\n';
    for (const UserEvent &e : swim->takeUserEvents())
        out << "deliver " << e.name << " lt=" << e.ltime << " payload=" << e.payload << '\n';
    return out.str();
}

} // namespace

class GossipTranscriptTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transcripts_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(QONSUL_GOSSIP_TESTDATA));
        for (const QString &name : dir.entryList({QStringLiteral("*.txt")}, QDir::Files))
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
        QVERIFY(!dir.entryList({QStringLiteral("*.txt")}).isEmpty());
    }

    void transcripts()
    {
        QFETCH(QString, path);
        std::optional<Swim> swim;
        const QString problem =
            runTranscript(path, [&](const std::string &command) { return run(swim, command); });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(GossipTranscriptTest)
#include "gossip_transcript_test.moc"
