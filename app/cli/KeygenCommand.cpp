// qonsul keygen: a new gossip encryption key, 32 random bytes in base64, as Consul 1.6 prints it
// (16 bytes before 1.6; both sizes, and 24, work with -encrypt).
#include "Command.h"
#include "Commands.h"

#include <QByteArray>
#include <QRandomGenerator>

namespace qonsul::cli {

namespace {

class KeygenCommand : public Command
{
public:
    using Command::Command;

    QString synopsis() const override { return QStringLiteral("Generates a new encryption key"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul keygen

  Generates a new encryption key that can be used to configure the
  agent to encrypt traffic. The output of this command is already
  in the proper format that the agent expects.
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlags(args))
            return 1;
        // The system's cryptographic generator (getrandom), as Go's crypto/rand.
        quint32 words[8];
        QRandomGenerator::system()->fillRange(words);
        const QByteArray key(reinterpret_cast<const char *>(words), sizeof words);
        ui().output(QString::fromLatin1(key.toBase64()));
        return 0;
    }
};

} // namespace

std::unique_ptr<Command> makeKeygenCommand(Ui &ui)
{
    return std::make_unique<KeygenCommand>(ui);
}

} // namespace qonsul::cli
