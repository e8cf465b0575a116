/// What a linter resolved for one rule, once: its decoded options, severity and id, and the linter's date and
/// calendar. Every context of that rule holds a reference to it, so making a context copies no options.
final class RuleSetup<Options: RuleOptions>: Sendable {
    let options: Options
    let severity: Severity
    let ruleID: String
    let today: CalendarDate
    let calendar: FiscalCalendar

    init(options: Options, severity: Severity, ruleID: String, today: CalendarDate, calendar: FiscalCalendar) {
        self.options = options
        self.severity = severity
        self.ruleID = ruleID
        self.today = today
        self.calendar = calendar
    }
}

/// The document a linter shares among its document rules for one file: one reference to copy per rule instead of
/// every array and string in the syntax tree.
final class DocumentSubject: Sendable {
    let document: Document
    let history: FileHistory?
    init(_ document: Document, history: FileHistory? = nil) {
        self.document = document
        self.history = history
    }
}

/// The workspace and the document under check, shared among the workspace rules for one file.
final class WorkspaceSubject: Sendable {
    let workspace: Workspace
    let path: String
    let documentIndex: Int
    init(workspace: Workspace, path: String, documentIndex: Int) {
        self.workspace = workspace
        self.path = path
        self.documentIndex = documentIndex
    }
}

/// What a `DocumentRule` sees: the document under check, its options and the date. No workspace.
public struct DocumentContext<Options: RuleOptions>: Sendable {
    let subject: DocumentSubject
    let setup: RuleSetup<Options>

    init(subject: DocumentSubject, setup: RuleSetup<Options>) {
        self.subject = subject
        self.setup = setup
    }

    /// The document under check.
    public var document: Document { _read { yield subject.document } }
    /// Its committed versions from git, oldest first, when the run read history (nil without git, outside a
    /// repository, in the editor): for options that fall back on history (`stale-check-in`'s `from-history`).
    public var history: FileHistory? { subject.history }
    /// Path of the document under check.
    public var path: String { _read { yield subject.document.source.path } }
    public var source: SourceFile { document.source }
    /// The text of a span of the document (made only when a rule reads it).
    public func text(_ span: TextSpan) -> String { subject.document.source.text(span.range) }
    public func text(_ span: TextSpan?) -> String? { span.map { subject.document.source.text($0.range) } }
    /// The rule's options, decoded and prepared once per linter.
    public var options: Options { _read { yield setup.options } }
    public var severity: Severity { setup.severity }
    public var ruleID: String { setup.ruleID }
    public var today: CalendarDate { setup.today }
    /// How fiscal periods (`FY2021-Q2`) are read: from the config; the file's `fiscal-year-start` overrides it.
    public var calendar: FiscalCalendar { setup.calendar }

    /// The document's period, fiscal periods read with `calendar` (or the file's own `fiscal-year-start`).
    public var period: Period? { document.period(setup.calendar) }

    /// A diagnostic of this rule at `range` of the document under check.
    public func diagnostic(_ range: SourceRange, _ message: String, help: String? = nil, severity: Severity? = nil,
                           fix: Fix? = nil) -> Diagnostic {
        Diagnostic(ruleID: setup.ruleID, severity: severity ?? setup.severity, message: message, help: help,
                   path: path, range: range, fix: fix)
    }
}

/// What a `WorkspaceRule` sees: the workspace of summaries, which of them is the document under check, its options
/// and the date. It has no `document`: in pass 2 no syntax tree is left, so a workspace rule cannot read one.
public struct WorkspaceContext<Options: RuleOptions>: Sendable {
    let subject: WorkspaceSubject
    let setup: RuleSetup<Options>

    init(subject: WorkspaceSubject, setup: RuleSetup<Options>) {
        self.subject = subject
        self.setup = setup
    }

    public var workspace: Workspace { _read { yield subject.workspace } }
    /// The index of the document under check in `workspace.documents`.
    public var documentIndex: Int { subject.documentIndex }
    /// Path of the document under check.
    public var path: String { _read { yield subject.path } }
    /// The rule's options, decoded and prepared once per linter.
    public var options: Options { _read { yield setup.options } }
    public var severity: Severity { setup.severity }
    public var ruleID: String { setup.ruleID }
    public var today: CalendarDate { setup.today }
    public var calendar: FiscalCalendar { setup.calendar }

    /// A diagnostic of this rule at `range` of the document under check.
    public func diagnostic(_ range: SourceRange, _ message: String, help: String? = nil, severity: Severity? = nil,
                           fix: Fix? = nil) -> Diagnostic {
        Diagnostic(ruleID: setup.ruleID, severity: severity ?? setup.severity, message: message, help: help,
                   path: subject.path, range: range, fix: fix)
    }
}

/// The document and its history, shared among the history rules for one file.
final class HistorySubject: Sendable {
    let document: Document
    let history: FileHistory
    init(document: Document, history: FileHistory) {
        self.document = document
        self.history = history
    }
}

/// What a `HistoryRule` sees: the document under check (the working tree), its earlier versions from git, its
/// options and the date.
public struct HistoryContext<Options: RuleOptions>: Sendable {
    let subject: HistorySubject
    let setup: RuleSetup<Options>

    init(subject: HistorySubject, setup: RuleSetup<Options>) {
        self.subject = subject
        self.setup = setup
    }

    /// The document under check, as it is now.
    public var document: Document { _read { yield subject.document } }
    /// Its committed versions, oldest first: the last one before the history window, then every commit since.
    public var versions: [FileVersion] { _read { yield subject.history.versions } }
    /// How to name the change from the last version to the working tree (`FileHistory.workingTreeChange`).
    public var workingTreeChange: String { subject.history.workingTreeChange }
    public var path: String { subject.document.source.path }
    public func text(_ span: TextSpan) -> String { subject.document.source.text(span.range) }
    public func text(_ span: TextSpan?) -> String? { span.map { subject.document.source.text($0.range) } }
    public var options: Options { _read { yield setup.options } }
    public var severity: Severity { setup.severity }
    public var today: CalendarDate { setup.today }
    public var calendar: FiscalCalendar { setup.calendar }
    public var period: Period? { document.period(setup.calendar) }

    public func diagnostic(_ range: SourceRange, _ message: String, help: String? = nil, severity: Severity? = nil) -> Diagnostic {
        Diagnostic(ruleID: setup.ruleID, severity: severity ?? setup.severity, message: message, help: help, path: path, range: range)
    }
}
