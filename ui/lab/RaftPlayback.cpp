#include "lab/RaftPlayback.h"

#include "lab/RaftRecord.h"

#include <QDateTime>
#include <algorithm>

namespace qonsul::ui {

RaftPlayback::RaftPlayback(const RaftRecord *record, QObject *parent,
                           std::function<int64_t()> nowMs)
    : QObject(parent), m_record(record), m_nowMs(std::move(nowMs))
{
    if (!m_nowMs)
        m_nowMs = [] { return QDateTime::currentMSecsSinceEpoch(); };
    m_frames.setInterval(33);
    connect(&m_frames, &QTimer::timeout, this, &RaftPlayback::advance);
    m_cursor = now() - liveDelayMs;
    m_lastTick = now();
    m_frames.start();
}

int64_t RaftPlayback::now() const
{
    return m_nowMs();
}

int64_t RaftPlayback::cursorMs() const
{
    return m_live ? now() - liveDelayMs : m_cursor;
}

void RaftPlayback::advance()
{
    const int64_t elapsed = now() - m_lastTick;
    m_lastTick = now();
    if (m_live) {
        m_cursor = now() - liveDelayMs;
    } else if (m_playing) {
        m_cursor += int64_t(double(elapsed) * m_speed);
        // Caught up with the present: from here on it is live.
        if (m_cursor >= now() - liveDelayMs) {
            m_live = true;
            m_cursor = now() - liveDelayMs;
        }
    } else {
        return; // paused: nothing moves
    }
    Q_EMIT moved();
}

void RaftPlayback::goLive()
{
    m_live = true;
    m_playing = true;
    m_speed = 1.0;
    m_frames.start();
    advance();
}

void RaftPlayback::play()
{
    if (m_playing)
        return;
    m_playing = true;
    m_lastTick = now();
    m_frames.start();
    Q_EMIT moved();
}

void RaftPlayback::pause()
{
    m_cursor = cursorMs();
    m_live = false;
    m_playing = false;
    m_frames.stop();
    Q_EMIT moved();
}

void RaftPlayback::step()
{
    pause();
    const int64_t next = m_record->nextRecordAfter(m_cursor);
    if (next >= 0)
        m_cursor = next;
    Q_EMIT moved();
}

void RaftPlayback::replay()
{
    m_live = false;
    m_playing = true;
    m_cursor = m_record->isEmpty() ? now() - liveDelayMs : m_record->firstTimeMs();
    m_lastTick = now();
    m_frames.start();
    Q_EMIT moved();
}

void RaftPlayback::seek(int64_t timeMs)
{
    m_live = false;
    m_cursor = std::min(timeMs, now() - liveDelayMs);
    m_lastTick = now();
    Q_EMIT moved();
}

void RaftPlayback::setSpeed(double speed)
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
