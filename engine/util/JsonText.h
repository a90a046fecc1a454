#pragma once
// JSON as text, keeping the order of object keys (QJsonDocument would sort them): what Go's
// json.Compact and json.Indent do. The CLI prints and hands on what the agent answered in
// the agent's (Go's struct) order. The input must be valid JSON.

#include <QByteArray>
#include <QByteArrayView>

namespace qonsul::util {

// Without the whitespace between tokens.
QByteArray compactJson(QByteArrayView json);

// One element or member a line, nested by `indent` (Go's json.Indent with an empty prefix):
// empty arrays and objects stay "[]" and "{}", a space follows each colon.
QByteArray indentJson(QByteArrayView json, QByteArrayView indent);

} // namespace qonsul::util
