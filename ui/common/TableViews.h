#pragma once
// The look every table of the app shares: row selection, sorting, no grid, last column
// stretched.

class QTableView;

namespace qonsul::ui {

void setUpTable(QTableView *view);

} // namespace qonsul::ui
