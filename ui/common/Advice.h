#pragma once
// What to try when a request fails, worded for a learner.

#include <QString>

namespace qonsul::ui {

inline QString retryAdvice()
{
    return QStringLiteral("Is the agent still running? The status bar says which one this app "
                          "talks to. Start one with <code>qonsul agent -dev</code> or restart "
                          "the app to embed one; this page retries by itself.");
}

} // namespace qonsul::ui
