#pragma once
// The look every table of the app shares: row selection, sorting, no grid, spare width spread
// over the columns in proportion.

class QAbstractItemModel;
class QString;
class QTableView;
class QWidget;

namespace qonsul::ui {

void setUpTable(QTableView *view);
// A table set up so, named `objectName`, over a proxy of `model` that sorts by ValueRole,
// sorted ascending by `sortColumn`.
QTableView *sortedTable(QAbstractItemModel *model, const QString &objectName, int sortColumn,
                        QWidget *parent);
// A table of CheckListModel's columns: the output takes the room the others leave.
void setUpCheckTable(QTableView *view);
// Makes the worst check of a CheckListModel table (critical, then warning) the current row
// when none is: the one a learner opened the page for.
void selectWorstCheck(QTableView *view);
// Keeps the view as tall as its rows (at least one, at most `maxRows`, then it scrolls), as
// its model changes: a table with one row does not take half the page.
void fitHeightToRows(QTableView *view, int maxRows = 8);

} // namespace qonsul::ui
