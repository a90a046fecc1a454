#pragma once
// The look every table of the app shares: row selection, sorting, no grid, last column
// stretched.

class QTableView;

namespace qonsul::ui {

void setUpTable(QTableView *view);
// A table of CheckListModel's columns: the output takes the room the others leave.
void setUpCheckTable(QTableView *view);

} // namespace qonsul::ui
