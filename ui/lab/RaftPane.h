#pragma once
// The Lab page's Raft tab: the Raft view over what the lab's servers recorded (RaftRecord,
// fed by the LabObserver), a timeline to pause, step, replay, scrub and slow down, and
// one-key scenarios run as `qonsul lab` commands: K kills the leader, S forces a split vote,
// C cuts the leader away from the others, W writes while a minority is cut off.

#include "lab/RaftRecord.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;

namespace qonsul::ui {

class LabCommandRunner;
class LabObserver;
class Playback;
class RaftView;

class RaftPane : public QWidget
{
    Q_OBJECT
public:
    RaftPane(LabObserver *observer, LabCommandRunner *runner, QWidget *parent = nullptr);

    const RaftRecord &record() const { return m_record; }
    Playback *playback() const { return m_playback; }
    RaftView *view() const { return m_view; }

    // The scenarios; each returns what it could not do ("" when its commands are queued).
    QString killLeader();
    QString forceSplitVote();
    QString cutLeaderAway();
    QString writeWithMinorityCut();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onAnswered(const QString &node, qint64 pid, const QJsonObject &answer);
    void onLabChanged();
    void redraw();
    void scenarioDone(const QString &error, const QString &watch);
    // Running servers other than the leader.
    QStringList followers() const;

    LabObserver *m_observer;
    LabCommandRunner *m_runner;
    RaftRecord m_record;
    Playback *m_playback;
    RaftView *m_view;
    QPushButton *m_live;
    QPushButton *m_playPause;
    QPushButton *m_step;
    QPushButton *m_replay;
    QComboBox *m_speed;
    QSlider *m_scrub;
    QLabel *m_time;
    QLabel *m_hint;
};

} // namespace qonsul::ui
