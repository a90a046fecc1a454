#include "kv/KvPage.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "api/JsonDecode.h"
#include "api/KvApi.h"
#include "common/Advice.h"
#include "common/EmptyState.h"
#include "common/ErrorBanner.h"
#include "common/PageHeader.h"
#include "common/TableViews.h"
#include "kv/KvBreadcrumbs.h"
#include "kv/KvEditor.h"
#include "kv/KvListModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace qonsul::ui {

KvPage::KvPage(const ApiConfig &config, QWidget *parent)
    : QWidget(parent), m_client(new ApiClient(config, this)), m_crumbs(new KvBreadcrumbs(this)),
      m_filter(new QLineEdit(this)), m_create(new QPushButton(tr("Create"), this)),
      m_deleteSelected(new QPushButton(tr("Delete"), this)), m_error(new ErrorBanner(this)),
      m_model(new KvListModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_listStack(new QStackedWidget(this)), m_view(new QTableView(this)),
      m_empty(new EmptyState(this)), m_editorStack(new QStackedWidget(this)),
      m_editorHint(new EmptyState(this)), m_editor(new KvEditor(config, this))
{
    setObjectName(QStringLiteral("kvPage"));
    m_create->setObjectName(QStringLiteral("kvCreate"));
    m_deleteSelected->setObjectName(QStringLiteral("kvDeleteSelected"));
    m_filter->setObjectName(QStringLiteral("kvFilter"));
    m_empty->setObjectName(QStringLiteral("kvEmptyState"));
    m_editorHint->setObjectName(QStringLiteral("kvEditorHint"));
    m_filter->setPlaceholderText(tr("Search by name"));
    m_filter->setClearButtonEnabled(true);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ValueRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(KvListModel::Name);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_view->setObjectName(QStringLiteral("kvTable"));
    m_view->setModel(m_proxy);
    setUpTable(m_view);
    m_view->sortByColumn(KvListModel::Name, Qt::AscendingOrder);
    m_view->horizontalHeader()->resizeSection(KvListModel::Name, 260);

    m_listStack->addWidget(m_empty);
    m_listStack->addWidget(m_view);
    m_empty->setTitle(tr("Loading keys…"));

    m_editorHint->setTitle(tr("Nothing selected"));
    m_editorHint->setHint(tr("Select a key to see and edit its value, open a folder with a "
                             "double click, or press <b>Create</b>."));
    m_editorStack->addWidget(m_editorHint);
    m_editorStack->addWidget(m_editor);

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_filter, 1);
    toolbar->addWidget(m_create);
    toolbar->addWidget(m_deleteSelected);

    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addLayout(toolbar);
    listLayout->addWidget(m_listStack, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(listPane);
    splitter->addWidget(m_editorStack);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(tr("Key / Value"), this));
    layout->addWidget(m_crumbs);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    connect(m_crumbs, &KvBreadcrumbs::folderChosen, this, &KvPage::openFolder);
    connect(m_create, &QPushButton::clicked, this, &KvPage::createInCurrentFolder);
    connect(m_deleteSelected, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            requestDelete(current.data(KeyRole).toString());
    });
    connect(m_view, &QTableView::activated, this, &KvPage::activate);
    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex &index) {
        const QString key = index.data(KeyRole).toString();
        if (!key.endsWith(QLatin1Char('/')))
            openKey(key);
    });
    connect(m_editor, &KvEditor::saved, this, [this](const QString &key) {
        // A key created in a new sub-path appears as a folder here; keep the editor on it.
        Q_UNUSED(key);
        m_error->clear();
    });
    connect(m_editor, &KvEditor::deleteRequested, this, &KvPage::requestDelete);
    connect(m_editor, &KvEditor::closed, this,
            [this] { m_editorStack->setCurrentWidget(m_editorHint); });
    openFolder(QString());
}

void KvPage::openFolder(const QString &prefix)
{
    m_prefix = prefix;
    m_crumbs->setPrefix(prefix);
    m_filter->clear();
    m_loaded = false;
    m_model->setRows({});
    m_empty->setTitle(tr("Loading keys…"));
    m_empty->setHint(QString());
    m_listStack->setCurrentWidget(m_empty);
    m_editorStack->setCurrentWidget(m_editorHint);
    Q_EMIT routeChanged(prefix.isEmpty() ? QStringLiteral("kv") : QStringLiteral("kv/") + prefix);
    delete m_watch;
    ApiRequest request = KvApi::keys(prefix, QStringLiteral("/")).request;
    m_watch = new BlockingWatch(m_client, request, this);
    connect(m_watch, &BlockingWatch::changed, this,
            [this](quint64, const QJsonValue &value) { onKeys(value); });
    connect(m_watch, &BlockingWatch::failed, this, [this](const QString &error) {
        m_error->showError(
            tr("Could not list %1: %2").arg(m_prefix.isEmpty() ? tr("the keys") : m_prefix, error),
            retryAdvice());
    });
    m_watch->start();
}

void KvPage::onKeys(const QJsonValue &value)
{
    m_error->clear();
    m_loaded = true;
    m_model->setRows(KvListModel::entriesUnder(m_prefix, json::toStringList(value)));
    updateEmptyState();
    selectRowOf(m_editor->key());
}

void KvPage::updateEmptyState()
{
    if (m_model->rowCount() > 0) {
        m_listStack->setCurrentWidget(m_view);
        return;
    }
    if (m_prefix.isEmpty()) {
        m_empty->setTitle(tr("There are no keys yet."));
        m_empty->setHint(tr("Press <b>Create</b>, or from a terminal:<br><code>qonsul kv put "
                            "redis/config/minconns 1</code><br>Keys with slashes show up here "
                            "as folders."));
    } else {
        m_empty->setTitle(tr("This folder is empty."));
        m_empty->setHint(tr("Press <b>Create</b> to add a key to %1, or go back with the path "
                            "above.")
                             .arg(m_prefix.toHtmlEscaped()));
    }
    m_listStack->setCurrentWidget(m_empty);
}

void KvPage::activate(const QModelIndex &index)
{
    const QString key = index.data(KeyRole).toString();
    if (key.endsWith(QLatin1Char('/')))
        openFolder(key);
    else
        openKey(key);
}

void KvPage::openKey(const QString &key)
{
    if (!(m_editor->key() == key && !m_editor->isCreating() &&
          m_editorStack->currentWidget() == m_editor))
        m_editor->startEditing(key);
    m_editorStack->setCurrentWidget(m_editor);
    selectRowOf(key);
    Q_EMIT routeChanged(QStringLiteral("kv/") + key);
}

void KvPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void KvPage::selectRowOf(const QString &key)
{
    const int row = m_model->rowOfKey(key);
    if (row < 0 || m_editorStack->currentWidget() != m_editor)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (index.isValid() && m_view->currentIndex().row() != index.row())
        m_view->setCurrentIndex(index);
}

void KvPage::createInCurrentFolder()
{
    m_editor->startCreating(m_prefix);
    m_editorStack->setCurrentWidget(m_editor);
}

void KvPage::requestDelete(const QString &key)
{
    const bool folder = key.endsWith(QLatin1Char('/'));
    auto *box =
        new QMessageBox(QMessageBox::Warning, folder ? tr("Delete folder") : tr("Delete key"),
                        folder ? tr("Delete the folder %1 and every key under it?").arg(key)
                               : tr("Delete the key %1?").arg(key),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("kvDeleteConfirm"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, key, folder] {
        if (box->clickedButton() != box->button(QMessageBox::Yes))
            return;
        auto request = folder ? KvApi::removeTree(key) : KvApi::remove(key);
        m_client->start(request, this, [this, key](const Expected<bool> &done) {
            if (!done || !*done) {
                m_error->showError(tr("Could not delete %1: %2")
                                       .arg(key, done ? tr("the agent said no") : done.error()),
                                   retryAdvice());
                return;
            }
            if (m_editor->key() == key ||
                (key.endsWith(QLatin1Char('/')) && m_editor->key().startsWith(key)))
                m_editorStack->setCurrentWidget(m_editorHint);
            Q_EMIT deleted(key);
        });
    });
    box->open();
}

} // namespace qonsul::ui
