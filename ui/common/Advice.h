#pragma once
// What to try when a request fails, worded for a learner.

#include <QString>

namespace qonsul::ui {

inline QString retryAdvice()
{
    return QStringLiteral("Is the agent still running? The status bar says which one this app "
                          "talks to. Start one with <code>qonsul agent -dev</code>, or pick "
                          "another with <b>File ▸ Connect to Agent…</b> or <b>File ▸ Use "
                          "Embedded Agent</b>; this page retries by itself.");
}

} // namespace qonsul::ui
