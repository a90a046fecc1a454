// The DNS page's history: newest first, bounded, and kept across runs through QVariant.
#include "dns/DnsHistoryModel.h"

#include <QSignalSpy>
#include <QtTest>

using namespace qonsul::ui;

namespace {

DnsHistoryEntry entry(const QString &name, const QString &outcome, int answers)
{
    DnsHistoryEntry e;
    e.time = QDateTime(QDate(2024, 5, 1), QTime(12, 30, 5));
    e.server = QStringLiteral("127.0.0.1:8600");
    e.question = {name, QStringLiteral("SRV"), true, true};
    e.outcome = outcome;
    e.answerCount = answers;
    e.elapsedMs = 3;
    e.query = QByteArray("\x12\x34", 2);
    e.response = QByteArray("\x12\x34\x85", 3);
    e.explanation = {QStringLiteral("1 instance of web is critical and not returned.")};
    return e;
}

} // namespace

class DnsHistoryModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newestFirstWithItsColumns()
    {
        DnsHistoryModel model;
        model.add(entry("web.service.consul", "NOERROR", 1));
        model.add(entry("nope.service.consul", "NXDOMAIN", 0));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, DnsHistoryModel::Name).data().toString(),
                 QStringLiteral("nope.service.consul"));
        QCOMPARE(model.index(1, DnsHistoryModel::Time).data().toString().size(), 8); // HH:mm:ss
        QCOMPARE(model.index(1, DnsHistoryModel::Type).data().toString(), QStringLiteral("SRV"));
        QCOMPARE(model.index(1, DnsHistoryModel::Transport).data().toString(),
                 QStringLiteral("TCP"));
        QCOMPARE(model.index(1, DnsHistoryModel::Status).data().toString(),
                 QStringLiteral("NOERROR"));
        QCOMPARE(model.index(1, DnsHistoryModel::Answers).data().toString(), QStringLiteral("1"));
        QCOMPARE(model.index(1, DnsHistoryModel::Server).data().toString(),
                 QStringLiteral("127.0.0.1:8600"));
        QCOMPARE(
            model.headerData(DnsHistoryModel::Server, Qt::Horizontal, Qt::DisplayRole).toString(),
            QStringLiteral("Server"));
        QVERIFY(!model.index(1, DnsHistoryModel::Status).data(Qt::DecorationRole).isNull());
        DnsHistoryEntry failed = entry("web.service.consul", "timeout", -1);
        model.add(failed);
        QCOMPARE(model.index(0, DnsHistoryModel::Answers).data().toString(), QStringLiteral("–"));
    }

    void boundedWithRowRemovals()
    {
        DnsHistoryModel model;
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        for (int i = 0; i < DnsHistoryModel::limit + 5; ++i)
            model.add(entry(QStringLiteral("n%1.service.consul").arg(i), "NOERROR", 1));
        QCOMPARE(model.rowCount(), DnsHistoryModel::limit);
        QCOMPARE(model.entryAt(0).question.name,
                 QStringLiteral("n%1.service.consul").arg(DnsHistoryModel::limit + 4));
        QCOMPARE(resets.count(), 0);
    }

    void roundTripsThroughVariants()
    {
        DnsHistoryModel model;
        model.add(entry("a.service.consul", "NOERROR", 1));
        model.add(entry("b.service.consul", "NXDOMAIN", 0));
        model.add(entry("c.service.consul", "SERVFAIL", 0));
        model.setExplanation(0, {QStringLiteral("explained")});
        const QVariantList saved = model.toVariant(2);
        QCOMPARE(saved.size(), 2);

        DnsHistoryModel restored;
        restored.load(saved);
        QCOMPARE(restored.rowCount(), 2);
        QCOMPARE(restored.entryAt(0), model.entryAt(0));
        QCOMPARE(restored.entryAt(1), model.entryAt(1));
        QCOMPARE(restored.entryAt(0).explanation, QStringList{"explained"});
        // Junk in the settings file is skipped.
        restored.load({QVariant(42), QVariantMap{}});
        QCOMPARE(restored.rowCount(), 0);
    }
};

QTEST_MAIN(DnsHistoryModelTest) // the status dots are pixmaps
#include "ui_dns_history_model_test.moc"
