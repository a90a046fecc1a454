// KeyedTableModel::setRows: an answer becomes the fewest row signals (neighbouring inserts and
// removals as one range each, changed rows as dataChanged), never a reset, and the model ends
// up holding exactly the answer, sorted by key; checked by QAbstractItemModelTester too.

#include "common/KeyedTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace qonsul::ui;

namespace {

struct Row
{
    QString key;
    int value = 0;
    bool operator==(const Row &) const = default;
};

class Model : public KeyedTableModel<Row>
{
public:
    int columnCount(const QModelIndex & = QModelIndex()) const override { return 2; }

protected:
    QString keyOf(const Row &row) const override { return row.key; }
    QVariant cell(const Row &row, int column, int role) const override
    {
        if (role != Qt::DisplayRole)
            return QVariant();
        return column == 0 ? QVariant(row.key) : QVariant(row.value);
    }
};

QList<Row> rowsOf(const QString &keys, int value = 0)
{
    QList<Row> rows;
    for (const QString &key : keys.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        rows.append({key, value});
    return rows;
}

QString keysOf(const Model &model)
{
    QStringList keys;
    for (const Row &row : model.rows())
        keys.append(row.key);
    return keys.join(QLatin1Char(' '));
}

// "first-last" per signal, in order.
QStringList ranges(const QSignalSpy &spy)
{
    QStringList out;
    for (const auto &args : spy)
        out.append(QStringLiteral("%1-%2").arg(args.at(1).toInt()).arg(args.at(2).toInt()));
    return out;
}

} // namespace

class KeyedTableModelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstAnswerIsOneInsert()
    {
        Model model;
        QAbstractItemModelTester tester(&model);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.sort(1, Qt::DescendingOrder);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QList<Row> rows;
        for (int i = 4999; i >= 0; --i)
            rows.append({QStringLiteral("k%1").arg(i, 4, 10, QLatin1Char('0')), i});
        model.setRows(rows);
        QCOMPARE(ranges(inserted), QStringList({"0-4999"}));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.rowAt(0).key, QStringLiteral("k0000"));
        QCOMPARE(model.rowAt(4999).key, QStringLiteral("k4999"));
        QCOMPARE(proxy.rowCount(), 5000);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("k4999"));
    }

    void laterAnswersTouchOnlyWhatDiffers()
    {
        Model model;
        QAbstractItemModelTester tester(&model);
        model.setRows(rowsOf("b c d e f h"));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QList<Row> next = rowsOf("a0 a1 b e g1 g2 i"); // unsorted input is sorted first
        next.swapItemsAt(0, 6);
        next[3].value = 7; // e changed
        model.setRows(next);
        QCOMPARE(keysOf(model), QStringLiteral("a0 a1 b e g1 g2 i"));
        QCOMPARE(model.rowAt(3).value, 7);
        // a0 a1 before b; c d gone; f gone, g1 g2 in its place; h gone; i at the end.
        QCOMPARE(ranges(inserted), QStringList({"0-1", "4-5", "6-6"}));
        QCOMPARE(ranges(removed), QStringList({"3-4", "4-4", "6-6"}));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 3);

        inserted.clear();
        removed.clear();
        changed.clear();
        model.setRows(next); // the same answer again: nothing to say
        QCOMPARE(inserted.size() + removed.size() + changed.size(), 0);

        model.setRows({});
        QCOMPARE(ranges(removed), QStringList({"0-6"}));
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(KeyedTableModelTest)
#include "ui_keyed_table_model_test.moc"
