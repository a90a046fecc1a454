#include "transport/RpcFrame.h"

#include <QCborArray>
#include <QCborValue>
#include <QtEndian>

namespace qonsul::transport {

QByteArray encodeRpcFrame(const RpcFrame &frame)
{
    QCborArray array{int(frame.kind), qint64(frame.id)};
    switch (frame.kind) {
    case RpcFrame::Kind::Call:
    case RpcFrame::Kind::Post:
        array.append(QString::fromStdString(frame.method));
        array.append(frame.body);
        break;
    case RpcFrame::Kind::Answer:
        array.append(frame.error);
        array.append(frame.body);
        break;
    case RpcFrame::Kind::Cancel:
        break;
    }
    const QByteArray cbor = QCborValue(array).toCbor();
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(cbor.size()), out.data());
    return out + cbor;
}

Expected<std::optional<RpcFrame>> takeRpcFrame(QByteArray &buffer, const RpcFrameLimits &limits)
{
    if (buffer.size() < 4)
        return std::optional<RpcFrame>();
    const quint32 length = qFromBigEndian<quint32>(buffer.constData());
    if (qsizetype(length) > limits.maxFrame)
        return makeError(QStringLiteral("an RPC frame of %1 bytes is over the limit of %2")
                             .arg(length)
                             .arg(limits.maxFrame));
    if (buffer.size() < 4 + qsizetype(length))
        return std::optional<RpcFrame>();
    QCborParserError parseError;
    const QCborValue value = QCborValue::fromCbor(buffer.mid(4, length), &parseError);
    buffer.remove(0, 4 + length);
    if (parseError.error != QCborError::NoError)
        return makeError(
            QStringLiteral("an RPC frame is not CBOR: %1").arg(parseError.errorString()));
    const QCborArray array = value.toArray();
    if (!value.isArray() || array.size() < 2 || !array.at(0).isInteger() ||
        !array.at(1).isInteger() || array.at(1).toInteger() < 0)
        return makeError(QStringLiteral("an RPC frame is not [kind, id, ...]"));
    RpcFrame frame;
    frame.id = uint64_t(array.at(1).toInteger());
    switch (array.at(0).toInteger()) {
    case int(RpcFrame::Kind::Call):
        if (array.size() != 4 || !array.at(2).isString() || !array.at(3).isByteArray() ||
            array.at(2).toString().size() > limits.maxMethod)
            return makeError(QStringLiteral("an RPC call is not [0, id, method, body]"));
        frame.kind = RpcFrame::Kind::Call;
        frame.method = array.at(2).toString().toStdString();
        frame.body = array.at(3).toByteArray();
        break;
    case int(RpcFrame::Kind::Post):
        if (array.size() != 4 || !array.at(2).isString() || !array.at(3).isByteArray() ||
            array.at(2).toString().size() > limits.maxMethod)
            return makeError(QStringLiteral("an RPC post is not [3, 0, method, body]"));
        frame.kind = RpcFrame::Kind::Post;
        frame.method = array.at(2).toString().toStdString();
        frame.body = array.at(3).toByteArray();
        break;
    case int(RpcFrame::Kind::Answer):
        if (array.size() != 4 || !array.at(2).isString() || !array.at(3).isByteArray())
            return makeError(QStringLiteral("an RPC answer is not [1, id, error, body]"));
        frame.kind = RpcFrame::Kind::Answer;
        frame.error = array.at(2).toString();
        frame.body = array.at(3).toByteArray();
        break;
    case int(RpcFrame::Kind::Cancel):
        if (array.size() != 2)
            return makeError(QStringLiteral("an RPC cancel is not [2, id]"));
        frame.kind = RpcFrame::Kind::Cancel;
        break;
    default:
        return makeError(
            QStringLiteral("an RPC frame of unknown kind %1").arg(array.at(0).toInteger()));
    }
    return std::optional<RpcFrame>(std::move(frame));
}

} // namespace qonsul::transport
