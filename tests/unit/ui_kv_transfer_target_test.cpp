// Where a copy or rename of a KV key or folder goes: the path a user types, made definite, and
// refused with a reason when it cannot work.

#include "kv/KvTransfer.h"

#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;

class KvTransferTargetTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keysUnderAFolderKeepTheirPlaceInIt()
    {
        QCOMPARE(kvTransferTarget("app/", "backup/app/", "app/db/url"),
                 QStringLiteral("backup/app/db/url"));
        QCOMPARE(kvTransferTarget("app/", "backup/app/", "app/"), QStringLiteral("backup/app/"));
        QCOMPARE(kvTransferTarget("motd", "greeting", "motd"), QStringLiteral("greeting"));
    }

    void typedPathsAreMadeDefinite()
    {
        QCOMPARE(*kvNormalizedTarget("app/", "backup"), QStringLiteral("backup/"));
        QCOMPARE(*kvNormalizedTarget("app/", " /backup/ "), QStringLiteral("backup/"));
        QCOMPARE(*kvNormalizedTarget("app/db/url", "old/"), QStringLiteral("old/url"));
        QCOMPARE(*kvNormalizedTarget("motd", "greeting"), QStringLiteral("greeting"));
    }

    void impossibleTargetsSayWhy()
    {
        QCOMPARE(kvNormalizedTarget("motd", "  ").error(), QStringLiteral("Give the new path."));
        QVERIFY(kvNormalizedTarget("motd", "motd").error().contains("already"));
        QVERIFY(kvNormalizedTarget("app/", "app").error().contains("already"));
        QVERIFY(kvNormalizedTarget("app/", "app/old/").error().contains("into itself"));
        // A sibling whose name starts the same is not inside.
        QCOMPARE(*kvNormalizedTarget("app/", "apps/"), QStringLiteral("apps/"));
    }
};

QTEST_MAIN(KvTransferTargetTest)
#include "ui_kv_transfer_target_test.moc"
