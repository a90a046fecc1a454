#pragma once
// What to try when a request fails, worded for a learner.

#include <QString>

namespace qonsul::ui {

inline QString retryAdvice()
{
    return QStringLiteral("Is the agent still running? The status bar says which one this app "
                          "talks to. The app's own embedded agent starts again with "
                          "<b>Start It</b> above (or on the Agent page); another agent with "
                          "<code>qonsul agent -dev</code> in a terminal, or pick one with "
                          "<b>File ▸ Connect to Agent…</b>. This page retries by itself.");
}

} // namespace qonsul::ui
