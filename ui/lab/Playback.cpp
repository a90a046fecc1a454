#include "lab/Playback.h"

#include <QDateTime>
#include <algorithm>

namespace qonsul::ui {

Playback::Playback(Timeline timeline, QObject *parent)
    : QObject(parent), m_timeline(std::move(timeline))
{
    if (!m_timeline.nowMs)
        m_timeline.nowMs = [] { return QDateTime::currentMSecsSinceEpoch(); };
    m_frames.setInterval(33);
    connect(&m_frames, &QTimer::timeout, this, &Playback::advance);
    m_cursor = liveMs();
    m_lastTick = now();
    m_frames.start();
}

int64_t Playback::now() const
{
    return m_timeline.nowMs();
}

int64_t Playback::cursorMs() const
{
    return m_live ? liveMs() : m_cursor;
}

void Playback::advance()
{
    const int64_t elapsed = now() - m_lastTick;
    m_lastTick = now();
    if (m_live) {
        m_cursor = liveMs();
    } else if (m_playing) {
        m_cursor += int64_t(double(elapsed) * m_speed);
        // Caught up with the present: from here on it is live.
        if (m_cursor >= liveMs()) {
            m_live = true;
            m_cursor = liveMs();
        }
    } else {
        return; // paused: nothing moves
    }
    Q_EMIT moved();
}

void Playback::goLive()
{
    m_live = true;
    m_playing = true;
    m_speed = 1.0;
    m_frames.start();
    advance();
}

void Playback::play()
{
    if (m_playing)
        return;
    m_playing = true;
    m_lastTick = now();
    m_frames.start();
    Q_EMIT moved();
}

void Playback::pause()
{
    m_cursor = cursorMs();
    m_live = false;
    m_playing = false;
    m_frames.stop();
    Q_EMIT moved();
}

void Playback::step()
{
    pause();
    const int64_t next = m_timeline.nextAfter ? m_timeline.nextAfter(m_cursor) : -1;
    if (next >= 0)
        m_cursor = next;
    Q_EMIT moved();
}

void Playback::replay()
{
    m_live = false;
    m_playing = true;
    const int64_t first = m_timeline.firstMs ? m_timeline.firstMs() : -1;
    m_cursor = first < 0 ? liveMs() : first;
    m_lastTick = now();
    m_frames.start();
    Q_EMIT moved();
}

void Playback::seek(int64_t timeMs)
{
    m_live = false;
    m_cursor = std::min(timeMs, liveMs());
    m_lastTick = now();
    Q_EMIT moved();
}

void Playback::setSpeed(double speed)
{
    m_speed = std::clamp(speed, 0.05, 4.0);
    if (m_live && m_speed != 1.0) {
        // Slower than the present: it falls behind, so it is a replay from here.
        m_cursor = cursorMs();
        m_live = false;
    }
    Q_EMIT moved();
}

} // namespace qonsul::ui
