#pragma once
// The Raft view's clock over the record: live (a moment behind now, so that every server's
// answer for that moment has come in), or paused, stepped from record to record, replayed from
// the start, and played at a speed from 0.1× to 2×. Ticks at 30 frames a second while the
// picture can move.

#include <QObject>
#include <QTimer>
#include <functional>

namespace qonsul::ui {

class RaftRecord;

class RaftPlayback : public QObject
{
    Q_OBJECT
public:
    // How far behind the wall clock live mode shows.
    static constexpr int64_t liveDelayMs = 1000;

    // `nowMs` is the wall clock (Unix ms), replaceable by tests.
    explicit RaftPlayback(const RaftRecord *record, QObject *parent = nullptr,
                          std::function<int64_t()> nowMs = {});

    int64_t cursorMs() const;
    bool isLive() const { return m_live; }
    bool isPlaying() const { return m_playing; }
    double speed() const { return m_speed; }

    void goLive();
    void play();
    void pause();
    // Pauses at the next record after the cursor.
    void step();
    // Plays from the first record.
    void replay();
    void seek(int64_t timeMs);
    void setSpeed(double speed);
    // Moves the cursor by the time passed since the last call, at the speed (the frame timer
    // calls it; tests with their own clock too).
    void advance();

Q_SIGNALS:
    // The cursor moved or the mode changed: draw again.
    void moved();

private:
    int64_t now() const;

    const RaftRecord *m_record;
    std::function<int64_t()> m_nowMs;
    QTimer m_frames;
    int64_t m_lastTick = 0; // now() at the last advance
    int64_t m_cursor = 0;
    double m_speed = 1.0;
    bool m_live = true;
    bool m_playing = true;
};

} // namespace qonsul::ui
