// The Key/Value page's tree: built from a flat key list (implied and explicit folders, folders
// first, the prefix left out), and merged into the model as inserts and removals under the
// parents that changed, never a reset, also with 50,000 keys.

#include "common/KeyedTableModel.h"
#include "kv/KvTree.h"
#include "kv/KvTreeModel.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

using namespace qonsul::ui;

namespace {

QStringList childNames(const KvTreeNode &node)
{
    QStringList names;
    for (const auto &child : node.children)
        names.append(child->name);
    return names;
}

QStringList childNames(const KvTreeModel &model, const QModelIndex &parent = QModelIndex())
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names.append(model.index(row, 0, parent).data().toString());
    return names;
}

// Every key under a few folders: app/svc<i>/config/<k>.
QStringList manyKeys(int services, int perService)
{
    QStringList keys;
    for (int s = 0; s < services; ++s) {
        for (int k = 0; k < perService; ++k)
            keys.append(
                QStringLiteral("app/svc%1/config/key%2").arg(s, 4, 10, QLatin1Char('0')).arg(k));
    }
    return keys;
}

} // namespace

class KvTreeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildsFoldersFromPaths()
    {
        const auto root = buildKvTree(QString(), {"redis/config/minconns", "redis/config/maxconns",
                                                  "motd", "app/", "redis/", "a"});
        // Folders first, then keys; "redis/" is a stored folder key, "redis/config/" implied.
        QCOMPARE(childNames(*root), (QStringList{"app/", "redis/", "a", "motd"}));
        const KvTreeNode *redis = root->child("redis/");
        QVERIFY(redis);
        QVERIFY(redis->stored);
        QCOMPARE(redis->key, QStringLiteral("redis/"));
        const KvTreeNode *config = redis->child("config/");
        QVERIFY(config && !config->stored);
        QCOMPARE(childNames(*config), (QStringList{"maxconns", "minconns"}));
        QCOMPARE(config->child("minconns")->key, QStringLiteral("redis/config/minconns"));
        QCOMPARE(config->child("minconns")->parent, config);
        QCOMPARE(config->child("minconns")->row(), 1);
        QVERIFY(root->child("app/")->stored && root->child("app/")->children.empty());
        QCOMPARE(root->descendantCount(), 7);
    }

    void keyAndFolderOfTheSameNameAreTwoNodes()
    {
        const auto root = buildKvTree(QString(), {"a", "a/b", "a-b"});
        QCOMPARE(childNames(*root), (QStringList{"a/", "a", "a-b"}));
        QCOMPARE(childNames(*root->child("a/")), QStringList{"b"});
    }

    void leavesOutThePrefixAndWhatIsOutsideIt()
    {
        const auto root = buildKvTree("app/", {"app/", "app/x", "apple", "b/c", "app/d/e"});
        QCOMPARE(root->key, QStringLiteral("app/"));
        QCOMPARE(childNames(*root), (QStringList{"d/", "x"}));
        QCOMPARE(root->child("d/")->child("e")->key, QStringLiteral("app/d/e"));
    }

    void unsortedAndRepeatedKeysGiveTheSameTree()
    {
        const auto sorted = buildKvTree(QString(), {"a/b", "a/c/d", "e"});
        const auto shuffled = buildKvTree(QString(), {"e", "a/c/d", "a/b", "a/b"});
        QCOMPARE(childNames(*shuffled), childNames(*sorted));
        QCOMPARE(childNames(*shuffled->child("a/")), (QStringList{"c/", "b"}));
        QCOMPARE(shuffled->descendantCount(), sorted->descendantCount());
    }

    void emptyPathPartsAreFolders()
    {
        const auto root = buildKvTree(QString(), {"a//b"});
        QCOMPARE(childNames(*root->child("a/")), QStringList{"/"});
        QCOMPARE(root->child("a/")->child("/")->child("b")->key, QStringLiteral("a//b"));
    }

    void modelMergesChangesWithoutReset()
    {
        KvTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removals(&model, &QAbstractItemModel::rowsRemoved);

        model.setKeys({"redis/config/minconns", "motd"});
        QCOMPARE(childNames(model), (QStringList{"redis/", "motd"}));
        QCOMPARE(inserts.count(), 2); // each new row comes with its whole subtree
        const QModelIndex config = model.indexOfKey("redis/config/");
        QVERIFY(config.isValid());
        QCOMPARE(config.data(KeyRole).toString(), QStringLiteral("redis/config/"));
        QCOMPARE(config.parent(), model.indexOfKey("redis/"));
        const QPersistentModelIndex motd = model.indexOfKey("motd");

        // One key more, deep down: one insertion under its folder, other rows untouched.
        inserts.clear();
        model.setKeys({"redis/config/minconns", "redis/config/maxconns", "motd"});
        QCOMPARE(inserts.count(), 1);
        QCOMPARE(inserts.at(0).at(0).value<QModelIndex>(), model.indexOfKey("redis/config/"));
        QCOMPARE(childNames(model, model.indexOfKey("redis/config/")),
                 (QStringList{"maxconns", "minconns"}));
        QVERIFY(motd.isValid());

        // A whole folder goes: a removal per key, the last taking its folders along; the same
        // answer again changes nothing.
        model.setKeys({"motd"});
        QCOMPARE(removals.count(), 2);
        QCOMPARE(removals.last().at(0).value<QModelIndex>(), QModelIndex());
        QVERIFY(!model.indexOfKey("redis/config/minconns").isValid());
        QCOMPARE(motd.row(), 0);
        inserts.clear();
        removals.clear();
        model.setKeys({"motd"});
        QCOMPARE(inserts.count() + removals.count(), 0);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(model.indexOfKey("motd").data(Qt::ToolTipRole).toString(), QStringLiteral("motd"));
    }

    void aFolderKeyThatGoesStaysWhileKeysAreInIt()
    {
        KvTreeModel model;
        model.setKeys({"app/", "app/x"});
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removals(&model, &QAbstractItemModel::rowsRemoved);
        model.setKeys({"app/x"});
        QCOMPARE(removals.count(), 0);
        QCOMPARE(changes.count(), 1);
        QVERIFY(model.indexOfKey("app/x").isValid());
    }

    void implicitFoldersGoWithTheirLastKey()
    {
        KvTreeModel model;
        model.setKeys({"a/b/c", "d"});
        QSignalSpy removals(&model, &QAbstractItemModel::rowsRemoved);
        model.setKeys({"d"});
        QCOMPARE(removals.count(), 1);
        QCOMPARE(removals.at(0).at(0).value<QModelIndex>(), QModelIndex());
        QCOMPARE(childNames(model), QStringList{"d"});

        // A folder made explicitly stays when its last key goes.
        model.setKeys({"a/", "a/b", "d"});
        model.setKeys({"a/", "d"});
        QCOMPARE(childNames(model), (QStringList{"a/", "d"}));
        QCOMPARE(model.rowCount(model.indexOfKey("a/")), 0);
    }

    // Random answers, one after another, each applied either key by key or by a merge: the
    // model always holds what a fresh build of the answer holds.
    void anySequenceOfAnswersEndsAsAFreshBuild()
    {
        KvTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QRandomGenerator random(20240501);
        const QStringList parts{"a/", "b/", "c", "d", "e/", ""};
        QStringList universe;
        for (const QString &x : parts)
            for (const QString &y : parts)
                for (const QString &z : parts)
                    if (!(x + y + z).isEmpty())
                        universe.append(x + y + z);
        for (int round = 0; round < 200; ++round) {
            QStringList keys;
            for (const QString &key : std::as_const(universe)) {
                if (random.bounded(3) == 0)
                    keys.append(key);
            }
            model.setKeys(keys);
            const auto expected = buildKvTree(QString(), keys);
            std::function<void(const KvTreeNode &, const QModelIndex &)> compare =
                [&](const KvTreeNode &node, const QModelIndex &at) {
                    QCOMPARE(childNames(model, at), childNames(node));
                    for (int row = 0; row < int(node.children.size()); ++row)
                        compare(*node.children[std::size_t(row)], model.index(row, 0, at));
                };
            compare(*expected, QModelIndex());
            if (QTest::currentTestFailed())
                return;
        }
    }

    void fiftyThousandKeysMergeAsFewInsertions()
    {
        KvTreeModel model;
        QStringList keys = manyKeys(500, 100);
        QCOMPARE(keys.size(), 50000);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QElapsedTimer timer;
        timer.start();
        model.setKeys(keys);
        const qint64 firstMs = timer.elapsed();
        QCOMPARE(inserts.count(), 1);
        QCOMPARE(model.nodeCount(), qsizetype(1 + 500 * 2 + 50000));

        // A live update: one key added, one removed, in different folders.
        keys.removeOne(QStringLiteral("app/svc0007/config/key3"));
        keys.append(QStringLiteral("app/svc0400/config/new"));
        std::sort(keys.begin(), keys.end()); // as the agent answers
        inserts.clear();
        QSignalSpy removals(&model, &QAbstractItemModel::rowsRemoved);
        timer.restart();
        model.setKeys(keys);
        const qint64 updateMs = timer.elapsed();
        QCOMPARE(inserts.count(), 1);
        QCOMPARE(removals.count(), 1);
        QCOMPARE(resets.count(), 0);
        QVERIFY(model.indexOfKey("app/svc0400/config/new").isValid());
        QVERIFY(!model.indexOfKey("app/svc0007/config/key3").isValid());
        qInfo("50,000 keys: first build %lld ms, an update %lld ms", firstMs, updateMs);
    }

    void changingThePrefixEmptiesTheTree()
    {
        KvTreeModel model;
        model.setKeys({"a/b", "c"});
        model.setPrefix("a/");
        QCOMPARE(model.rowCount(), 0);
        model.setKeys({"a/b"});
        QCOMPARE(childNames(model), QStringList{"b"});
        QCOMPARE(model.indexOfKey("a/b").data(KeyRole).toString(), QStringLiteral("a/b"));
        QVERIFY(!model.indexOfKey("c").isValid());
    }
};

QTEST_MAIN(KvTreeTest)
#include "ui_kv_tree_test.moc"
