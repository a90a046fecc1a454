#pragma once
// Data-driven transcripts in the style of etcd-raft's testdata: a file of cases, each a command
// line, a line "----", and the expected output up to a blank line; lines starting with '#' are
// comments. runTranscript runs each command through `run` and compares; with QONSUL_REWRITE=1 it
// rewrites the file from what the code does instead (review the diff before committing).
// Used by the gossip and Raft transcript tests, with the word helpers their commands share.

#include <QFile>
#include <QString>
#include <QtTest>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace qonsul::testing {

inline std::vector<std::string> splitWords(const std::string &text, char by = ' ')
{
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string word; std::getline(in, word, by);)
        if (!word.empty())
            out.push_back(word);
    return out;
}

inline std::string trimSpaces(const std::string &text)
{
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// The value of "name=value" among `words`; empty when absent.
inline std::string wordValue(const std::vector<std::string> &words, const std::string &name)
{
    for (const std::string &w : words)
        if (w.rfind(name + "=", 0) == 0)
            return w.substr(name.size() + 1);
    return {};
}

inline bool hasWord(const std::vector<std::string> &words, const std::string &word)
{
    for (const std::string &w : words)
        if (w == word)
            return true;
    return false;
}

// Empty: every case matched (or the file was rewritten); otherwise the first mismatch or error,
// naming the file and line.
inline QString runTranscript(const QString &path,
                             const std::function<std::string(const std::string &)> &run)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1").arg(path);
    std::istringstream in(file.readAll().toStdString());
    std::ostringstream rewritten;
    std::string line;
    int lineNumber = 0;
    QString firstMismatch;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (line.empty() || line[0] == '#') {
            rewritten << line << '\n';
            continue;
        }
        const std::string command = line;
        const int commandLine = lineNumber;
        std::getline(in, line);
        ++lineNumber;
        if (line != "----")
            return QStringLiteral("%1:%2: want ----").arg(path).arg(lineNumber);
        std::string expected;
        while (std::getline(in, line) && !line.empty()) {
            ++lineNumber;
            expected += line + '\n';
        }
        ++lineNumber;
        std::string got;
        try {
            got = run(command);
        } catch (const std::exception &e) {
            return QStringLiteral("%1:%2: %3")
                .arg(path)
                .arg(commandLine)
                .arg(QString::fromStdString(e.what()));
        }
        if (got != expected && firstMismatch.isEmpty()) {
            firstMismatch = QStringLiteral("%1:%2: %3\nwant:\n%4got:\n%5")
                                .arg(path)
                                .arg(commandLine)
                                .arg(QString::fromStdString(command),
                                     QString::fromStdString(expected), QString::fromStdString(got));
        }
        rewritten << command << "\n----\n" << got << '\n';
    }
    if (!firstMismatch.isEmpty() && qEnvironmentVariableIntValue("QONSUL_REWRITE") == 1) {
        std::string result = rewritten.str();
        while (result.size() > 1 && result.substr(result.size() - 2) == "\n\n")
            result.pop_back();
        std::ofstream(path.toStdString(), std::ios::trunc) << result;
        qWarning("rewrote %s", qPrintable(path));
        return {};
    }
    return firstMismatch;
}

} // namespace qonsul::testing
