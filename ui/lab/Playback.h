#pragma once
// A view's clock over a record (the Raft view's, the gossip view's): live (a moment behind the
// present, so that every node's answer for that moment has come in), or paused, stepped from
// record to record, replayed from the start, and played at a speed from 0.05× to 4×. Ticks at
// 30 frames a second while the picture can move.

#include <QObject>
#include <QTimer>
#include <functional>

namespace qonsul::ui {

// What a playback plays over. Times are the record's milliseconds: Unix time for a lab's
// record, the simulated clock for a simulation's.
struct Timeline
{
    std::function<int64_t()> nowMs;            // the present; the wall clock when empty
    int64_t liveDelayMs = 1000;                // how far behind the present live mode shows
    std::function<int64_t()> firstMs;          // the first record's time; -1 when there is none
    std::function<int64_t(int64_t)> nextAfter; // the first record's time after t; -1 none
};

class Playback : public QObject
{
    Q_OBJECT
public:
    explicit Playback(Timeline timeline, QObject *parent = nullptr);

    int64_t cursorMs() const;
    int64_t liveDelayMs() const { return m_timeline.liveDelayMs; }
    // The newest moment live mode could show.
    int64_t liveMs() const { return now() - m_timeline.liveDelayMs; }
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

    Timeline m_timeline;
    QTimer m_frames;
    int64_t m_lastTick = 0; // now() at the last advance
    int64_t m_cursor = 0;
    double m_speed = 1.0;
    bool m_live = true;
    bool m_playing = true;
};

} // namespace qonsul::ui
