// RunFilterProxyModel: filters a RunResultModel to failed results and/or a text, keeping
// the ancestors of every match (Qt Creator's TestResultFilterModel), and sorts the
// Duration column by milliseconds rather than by its text.
//
//   RunFilterProxyModel proxy;
//   proxy.setSourceModel(&model);
//   proxy.setFailedOnly(true);
//   proxy.setFilterText("parse");
#pragma once

#include <QSortFilterProxyModel>

namespace trellis::ui {

class RunFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit RunFilterProxyModel(QObject *parent = nullptr);

    void setFailedOnly(bool on);
    bool failedOnly() const { return m_failedOnly; }
    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool matchesText(const QModelIndex &sourceIndex) const;

    bool m_failedOnly = false;
    QString m_text;
};

} // namespace trellis::ui
