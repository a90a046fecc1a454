#pragma once
// Where a command writes: normal output to one device (stdout), errors to another (stderr),
// one line per call like Consul's cli.Ui. Tests pass buffers instead.

#include <QByteArray>
#include <QIODevice>
#include <QString>

namespace qonsul::cli {

class Ui
{
public:
    Ui(QIODevice *out, QIODevice *err) : m_out(out), m_err(err) {}

    // `text` and a newline on the output.
    void output(const QString &text) { writeLine(m_out, text.toUtf8()); }
    // Raw bytes (a KV value may be binary) and a newline on the output.
    void outputBytes(const QByteArray &bytes) { writeLine(m_out, bytes); }
    // `text` and a newline on the error output.
    void error(const QString &text) { writeLine(m_err, text.toUtf8()); }
    // `text` as is on the error output.
    void errorRaw(const QString &text) { write(m_err, text.toUtf8()); }

    QIODevice *outDevice() const { return m_out; }
    QIODevice *errDevice() const { return m_err; }

private:
    static void writeLine(QIODevice *device, const QByteArray &bytes)
    {
        write(device, bytes + '\n');
    }
    static void write(QIODevice *device, const QByteArray &bytes)
    {
        device->write(bytes);
        device->waitForBytesWritten(-1);
    }

    QIODevice *m_out;
    QIODevice *m_err;
};

} // namespace qonsul::cli
