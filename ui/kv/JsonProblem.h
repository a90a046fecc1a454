#pragma once
// What is wrong with a value that is not JSON, said for a learner: what (not the parser's
// phrase: "a number is written wrongly", not "illegal number") and where (line and column of
// the text as typed).

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <optional>

namespace qonsul::ui {

struct JsonReading
{
    std::optional<QJsonValue> value; // any JSON value, scalars included
    QString problem;                 // when there is none: "a ':' is missing (line 2, column 9)"
};

JsonReading readJson(const QByteArray &text);

} // namespace qonsul::ui
