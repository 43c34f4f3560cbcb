# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)

# The longest text a Char field of the suite accepts unless the model says otherwise.
CHAR_LIMIT = 256


class PromujerWorkflowMixin(models.AbstractModel):
    """What every workflow record of the suite shares.

    **Actions in three steps.** A button calls ``action_<verb>``; it calls
    ``_check_can_<verb>`` (rights first, then every problem of every record gathered into
    one error by :meth:`_promujer_raise_problems`; a check never writes), then
    ``_do_<verb>``, which writes through :meth:`_promujer_write` and logs in the chatter.
    An action that only moves the records to a state is declared in
    ``_promujer_transitions``: the mixin checks it (the rights, its states, its problems)
    and does it, unless the model writes its own ``_check_can_<verb>`` or ``_do_<verb>``.
    The mixin checks the same way the actions named in ``_promujer_action_names``, and
    those of ``_promujer_action_texts`` with their own refusal and title
    (:meth:`_promujer_check_action`); the model writes only what they do.

    **Protected fields.** ``_promujer_protected_fields`` carry money, a state or a link
    to an entry. ``create`` accepts them only at their initial value, ``write`` refuses
    them, for every user (administrators too, over RPC too), unless the environment is in
    superuser mode: only server code enters it (``sudo()``), after the action's own checks.
    A client sends whatever context it likes over RPC, never ``env.su``: the guard is not a
    context key. Context defaults of protected fields (``default_state``) are dropped.

    Fields the suite computes (stored computed and related fields without an inverse)
    are guarded the same way: a client never writes a balance, a total or a copy of a
    parent's state.

    ``_promujer_action_only`` models (installments, allocations, ...) are created,
    written and deleted by the suite's actions alone.

    **Frozen records.** ``_promujer_frozen_fields`` no longer change once a record left
    ``_promujer_editable_states`` (:meth:`_promujer_frozen` says which records are frozen,
    :meth:`_promujer_frozen_in` which fields of a write it refuses), for anyone: the
    actions included. The refusal names the records and the fields.

    **Nothing is lost.** A record past ``_promujer_deletable_states`` is cancelled,
    reversed or closed, never deleted (by anyone, administrators and server code
    included): :meth:`_promujer_kept` says which records are kept, and
    :meth:`_promujer_kept_message` why."""

    _name = "promujer.workflow.mixin"
    _description = "Pro Mujer workflow"

    _promujer_protected_fields = ()
    # Set when the record is created, never changed after (but by the actions).
    _promujer_fixed_fields = ()
    _promujer_action_only = False
    # Char fields longer than CHAR_LIMIT, or shorter: {field name: maximum length}.
    _promujer_char_limits = {}
    # {verb: states the action starts from}: the buttons' can_<verb> fields (computed
    # by _compute_can_act) and the actions' state checks read it.
    _promujer_action_states = {}
    # {verb: groups, any of which may take the action}: the buttons read it too.
    _promujer_action_groups = {}
    # The refusal of a transition to a user outside its _promujer_action_groups.
    _promujer_groups_refusal = _lt("Your groups do not allow this action.")
    # {verb: (the states it starts from, the state it leads to, its name in the refusals:
    # a LazyTranslate)}: the actions that move records from state to state, which the
    # mixin checks and does when the model has no _check_can_<verb> or _do_<verb> of its
    # own (_promujer_check_transition, _promujer_do_transition).
    _promujer_transitions = {}
    # {verb: its name in the refusals: a LazyTranslate}: the other actions the mixin
    # checks as it checks a transition (rights, states, problems), unless the model writes
    # its own _check_can_<verb>; the model does them (_do_<verb>).
    _promujer_action_names = {}
    # {verb: field}: the transitions that record their date (the first argument of the
    # action's check and work) in that field.
    _promujer_transition_dates = {}
    # {verb: (the refusal to users outside its _promujer_action_groups, or None; the
    # title of its problems): LazyTranslate}: the other actions the mixin checks
    # (_promujer_check_action) when the model has no _check_can_<verb> of its own.
    _promujer_action_texts = {}
    # The states a record may be deleted in; empty: the state does not decide.
    _promujer_deletable_states = ()
    # Why the records past them are kept (%(records)s names them, %(model)s the model).
    _promujer_kept_text = _lt("%(model)s records past draft are never deleted: %(records)s.")
    # Fields that no longer change once a record left _promujer_editable_states.
    _promujer_frozen_fields = ()
    _promujer_editable_states = ("draft",)
    # The refusal of a change of frozen fields: %(records)s names the records, %(fields)s
    # the fields, %(model)s the model.
    _promujer_frozen_text = _lt(
        "%(model)s: %(fields)s can no longer change for %(records)s in their current state."
    )

    # ------------------------------------------------------------------ buttons

    def _promujer_acting_records(self):
        """The records the current user may act on: those she may write by default."""
        return self._filtered_access("write")

    def _promujer_action_possible(self, verb):
        """Whether `verb` is possible on this record beyond its state (a model may say
        more, for its buttons; its check says why not)."""
        return True

    def _promujer_starting_states(self):
        """{verb: the states it starts from} of the actions and the transitions."""
        return {
            **{verb: states for verb, (states, _to, _name) in self._promujer_transitions.items()},
            **self._promujer_action_states,
        }

    @api.depends_context("uid")
    @api.depends(lambda self: ("state",) if "state" in self._fields else ())
    def _compute_can_act(self):
        """can_<verb> of each verb of `_promujer_starting_states`: whether the button
        shows, by the same rule as the action's check (groups, access, state)."""
        allowed = self._promujer_acting_records()
        user = self.env.user
        for verb, states in self._promujer_starting_states().items():
            groups = self._promujer_action_groups.get(verb, ())
            in_group = not groups or any(user.has_group(xmlid) for xmlid in groups)
            for record in self:
                record[f"can_{verb}"] = (
                    in_group
                    and record in allowed
                    and record.state in states
                    and record._promujer_action_possible(verb)
                )

    def _promujer_run(self, verb, *args):
        """The body of ``action_<verb>``: ``_check_can_<verb>(*args)``, which refuses
        without writing, then ``_do_<verb>(*args)``; the mixin's own check and work of a
        transition where the model has none."""
        self._promujer_check(verb, *args)
        self._promujer_do(verb, *args)
        return True

    def _promujer_check(self, verb, *args):
        """``_check_can_<verb>(*args)``, or the mixin's check of a transition."""
        check = getattr(self, f"_check_can_{verb}", None)
        if check:
            return check(*args)
        if verb in self._promujer_action_texts:
            return self._promujer_check_action(verb, *args)
        return self._promujer_check_transition(verb, *args)

    def _promujer_do(self, verb, *args):
        """``_do_<verb>(*args)``, or the mixin's work of a transition."""
        do = getattr(self, f"_do_{verb}", None)
        if do:
            return do(*args)
        return self._promujer_do_transition(verb, *args)

    def _promujer_action_name(self, verb):
        """The name of the transition or named action `verb` in the user's language."""
        name = self._promujer_action_names.get(verb) or self._promujer_transitions[verb][2]
        return self.env._(name)

    def _promujer_check_rights(self, verb):
        """The rights a transition checks first: one of its `_promujer_action_groups` (the
        buttons read them too; else `_promujer_groups_refusal`), then the right to write
        the records (a model may ask more)."""
        groups = self._promujer_action_groups.get(verb)
        if groups:
            self._promujer_check_group(groups, self.env._(self._promujer_groups_refusal))
        self.check_access("write")

    def _promujer_check_transition(self, verb, *args):
        """The check of a transition or a named action: the rights, the states it starts
        from, then every problem of ``_get_<verb>_problems(*args)``, if the model has any,
        at once."""
        name = self._promujer_action_name(verb)
        self._promujer_check_rights(verb)
        self._promujer_check_action_state(verb, name)
        title = self.env._("%(action)s is not possible:", action=name)
        self._promujer_raise_problems(title, verb, *args)

    def _promujer_transition_vals(self, verb, *args):
        """What a transition writes: the state it leads to, and its date in its field of
        `_promujer_transition_dates` (a model may add more)."""
        vals = {"state": self._promujer_transitions[verb][1]}
        if verb in self._promujer_transition_dates:
            vals[self._promujer_transition_dates[verb]] = args[0]
        return vals

    def _promujer_do_transition(self, verb, *args):
        self._promujer_write(self._promujer_transition_vals(verb, *args))

    def _promujer_check_action(self, verb, *args):
        """The usual check of an action of `_promujer_action_texts`: the user is in one of
        its groups, if it has any (else its refusal), may write the records, then the
        records outside the states it starts from and every problem of
        ``_get_<verb>_problems(*args)`` are raised at once under its title."""
        refusal, title = self._promujer_action_texts[verb]
        groups = self._promujer_action_groups.get(verb)
        if groups:
            self._promujer_check_group(groups, self.env._(refusal))
        self.check_access("write")
        self._promujer_lock(verb)
        self._promujer_raise_problems(self.env._(title), verb, *args)

    def _promujer_lock(self, verb):
        """Lock what the check of `verb` reads and its work changes, before the check
        reads it (nothing by default; the meeting locks its rows, so that two clerks
        cannot post or cancel it at once)."""

    def _promujer_check_action_state(self, verb, action):
        """Refuse `verb` on records outside the states it starts from (`action`: the
        action's name in the refusal)."""
        self._promujer_check_state(self._promujer_starting_states()[verb], action)

    def _promujer_check_write_state(self, verb, action):
        """The checks most actions start with: the right to write the records, then the
        states `verb` starts from (`action`: the action's name in the refusal)."""
        self.check_access("write")
        self._promujer_check_action_state(verb, action)

    # ------------------------------------------------------------------ the guard

    @api.model_create_multi
    def create(self, vals_list):
        records = self
        if not self.env.su:
            self._promujer_check_user_create(vals_list)
            records = self.with_env(self.env(context=self._promujer_clean_context()))
        records._promujer_check_char_sizes(vals_list)
        return super(PromujerWorkflowMixin, records).create(vals_list)

    def write(self, vals):
        self._promujer_check_frozen(vals)
        if not self.env.su:
            self._promujer_check_user_write(vals)
        self._promujer_check_char_sizes([vals])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_action_only(self):
        if self and not self.env.su and self._promujer_action_only:
            raise AccessError(
                self.env._(
                    "%(model)s records are deleted by the suite's actions only.",
                    model=self._promujer_model_label(),
                )
            )

    def _promujer_kept(self):
        """The records of self that are never deleted: those past
        `_promujer_deletable_states` (a model adds its own reasons)."""
        states = self._promujer_deletable_states
        if not states:
            return self.browse()
        return self.filtered(lambda record: record.state not in states)

    def _promujer_kept_message(self):
        """Why the `_promujer_kept` records are not deleted; %(records)s names them."""
        return self.env._(self._promujer_kept_text)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept(self):
        kept = self._promujer_kept()
        if kept:
            kept._promujer_refuse_naming(
                kept._promujer_kept_message(), "records", model=self._promujer_model_label()
            )

    def _promujer_frozen(self, vals):
        """The records of self on which the frozen fields of `vals` can no longer change:
        those past `_promujer_editable_states` (a model may say more)."""
        states = self._promujer_editable_states
        return self.filtered(lambda record: record.state not in states)

    def _promujer_frozen_in(self, vals):
        """The fields of `vals` that no longer change on a frozen record."""
        return set(vals) & set(self._promujer_frozen_fields)

    def _promujer_frozen_message(self):
        """The refusal of a change of frozen fields (`_promujer_frozen_text`)."""
        return self.env._(self._promujer_frozen_text)

    def _promujer_check_frozen(self, vals):
        """Refuse a change of frozen fields on frozen records, after the right to write
        them (the rights first, then the state)."""
        fnames = self._promujer_frozen_in(vals)
        frozen = self._promujer_frozen(vals) if fnames else self.browse()
        if frozen:
            self.check_access("write")
            frozen._promujer_refuse_naming(
                self._promujer_frozen_message(),
                "records",
                model=self._promujer_model_label(),
                fields=self._promujer_field_names(fnames),
            )

    def _promujer_field_names(self, fnames):
        """The labels of the fields `fnames`, in the user's language, sorted."""
        return ", ".join(sorted(self._promujer_field_label(fname) for fname in fnames))

    def _promujer_guarded_fields(self):
        """The protected fields and the fields the suite computes."""
        computed = {
            name
            for name, field in self._fields.items()
            if field.store and field.compute and field.readonly and not field.inverse
        }
        return set(self._promujer_protected_fields) | computed

    def _promujer_clean_context(self):
        protected = self._promujer_guarded_fields()
        return {
            key: value
            for key, value in self.env.context.items()
            if not (key.startswith("default_") and key[8:] in protected)
        }

    def _promujer_initial_value(self, fname):
        field = self._fields[fname]
        if field.default is None:
            return False
        return field.default(self.with_env(self.env(context=self._promujer_clean_context())))

    def _promujer_check_user_create(self, vals_list):
        if self._promujer_action_only:
            raise AccessError(
                self.env._(
                    "%(model)s records are created by the suite's actions only.",
                    model=self._promujer_model_label(),
                )
            )
        guarded = self._promujer_guarded_fields()
        refused = {
            fname
            for vals in vals_list
            for fname in set(vals) & guarded
            if vals[fname] and vals[fname] != self._promujer_initial_value(fname)
        }
        if refused:
            raise AccessError(self._promujer_protected_message(refused))

    def _promujer_check_user_write(self, vals):
        if self._promujer_action_only and self:
            raise AccessError(
                self.env._(
                    "%(model)s records are changed by the suite's actions only.",
                    model=self._promujer_model_label(),
                )
            )
        refused = set(vals) & self._promujer_guarded_fields()
        if refused:
            raise AccessError(self._promujer_protected_message(refused))
        fixed = set(vals) & set(self._promujer_fixed_fields)
        if fixed and self:
            raise AccessError(
                self.env._(
                    "%(model)s: %(fields)s cannot change once the record exists.",
                    model=self._promujer_model_label(),
                    fields=self._promujer_field_names(fixed),
                )
            )

    def _promujer_protected_message(self, fnames):
        return self.env._(
            "%(model)s: %(fields)s change only through the suite's actions (their buttons), "
            "which check the rights and post the journal entries.",
            model=self._promujer_model_label(),
            fields=self._promujer_field_names(fnames),
        )

    def _promujer_check_char_sizes(self, vals_list):
        """Refuse texts longer than their field allows, naming the field and the limit."""
        problems = set()
        for vals in vals_list:
            for fname, value in vals.items():
                field = self._fields.get(fname)
                if field is None or field.type != "char" or not isinstance(value, str):
                    continue
                limit = self._promujer_char_limits.get(fname, CHAR_LIMIT)
                if len(value) > limit:
                    problems.add(
                        self.env._(
                            "%(field)s is %(length)s characters long; at most %(limit)s",
                            field=self._promujer_field_label(fname),
                            length=len(value),
                            limit=limit,
                        )
                    )
        if problems:
            raise ValidationError(
                self.env._("%(model)s: ", model=self._promujer_model_label())
                + "; ".join(sorted(problems))
            )

    # ------------------------------------------------------------------ actions

    def _promujer_write(self, vals):
        """Write what an action decided, in superuser mode: after the action's own checks,
        the only way to write the protected fields. The user stays the author of the
        change (tracking, write_uid)."""
        return self.sudo().write(vals)

    def _promujer_create(self, vals_list):
        """Create, as an action, records whose protected fields it sets; returned in the
        user's environment."""
        return self.sudo().create(vals_list).sudo(False)

    def _promujer_check_state(self, states, action):
        """Refuse the action on records that are not in one of `states`."""
        wrong = self.filtered(lambda r: r.state not in states)
        wrong._promujer_refuse_naming(
            self.env._("%(action)s is not possible for %(names)s in their current state."),
            "names",
            "display_name",
            action=action,
        )

    def _promujer_raise_problems(self, title, verb, *args, error=UserError):
        """Gather ``_get_<verb>_problems(*args)`` of every record (none if the model has
        no such method); raise one `error` naming each record and all its problems, so
        that everything is fixed at once. A record outside the states `verb` starts from
        (`_promujer_starting_states`) has that one problem: its problems method never
        checks the state. A constraint raises its problems as a ValidationError."""
        states = self._promujer_starting_states().get(verb)
        get_problems = getattr(type(self), f"_get_{verb}_problems", lambda _record, *_a: [])
        messages = []
        for record in self:
            if states is not None and record.state not in states:
                problems = [record._promujer_state_problem()]
            else:
                problems = get_problems(record, *args)
            if problems:
                messages.append(f"{record.display_name}: " + "; ".join(problems) + ".")
        if messages:
            raise error(title + "\n" + "\n".join(messages))

    def _promujer_state_problem(self):
        """The problem of a record whose state an action does not start from."""
        self.ensure_one()
        state = self._promujer_labels("state")[self.state]
        return self.env._("its state is %(state)s", state=state)

    def _promujer_check_group(self, group_xmlids, message):
        """Refuse users outside the group (or outside all of a tuple of groups). Server
        code that already runs in superuser mode (an action delegating to another
        record's action) is trusted."""
        if isinstance(group_xmlids, str):
            group_xmlids = (group_xmlids,)
        user = self.env.user
        if not self.env.su and not any(user.has_group(xmlid) for xmlid in group_xmlids):
            raise UserError(message)

    def _promujer_branches(self):
        """The branches the records belong to (their company_id by default)."""
        return self.mapped("company_id")

    def _promujer_check_branch_manager(self, action):
        """Only a branch manager (or a credit administrator) allowed in the records'
        branches acts on them."""
        self._promujer_check_group(
            "promujer_credit.group_branch_manager",
            self.env._(
                "Only a branch manager can %(action)s %(what)s.",
                action=action,
                what=self._promujer_model_label().lower(),
            ),
        )
        outside = self._promujer_branches() - self.env.user.company_ids
        if outside and not self.env.su:
            raise UserError(
                self.env._(
                    "You are not a branch manager of %(branches)s.",
                    branches=", ".join(outside.mapped("name")),
                )
            )

    def _promujer_is_system(self):
        """Server code running as the system itself (data files, upgrades, the portfolio
        generator), not a person: no user logs in as it."""
        return self.env.su and self.env.uid == SUPERUSER_ID

    # ------------------------------------------------------------------ decisions

    def _decision_refusal(self):
        """Why the current user may not approve or reject this record (False if she may).
        Models with approvals return `_promujer_decider_refusal(...)`; the same answer
        serves the buttons (`can_approve`, `can_decide`) and the server check."""
        self.ensure_one()
        return False

    def _promujer_decider_refusal(self, group_xmlid, not_in_group, proposer, own):
        """The refusal of four eyes: the decider is in `group_xmlid`, allowed in the
        record's branch, and is not `proposer`, whatever her groups. Server code running
        as the system itself (generated data) is not a person and passes."""
        self.ensure_one()
        user = self.env.user
        if self._promujer_is_system():
            return False
        if not user.has_group(group_xmlid):
            return not_in_group
        if self._promujer_branches() - user.company_ids:
            return self.env._(
                "%(record)s: you are not allowed in %(branch)s.",
                record=self.display_name,
                branch=", ".join(self._promujer_branches().mapped("name")),
            )
        if proposer and proposer == user:
            return own
        return False

    def _promujer_check_can_decide(self):
        self.check_access("read")
        reasons = [reason for record in self if (reason := record._decision_refusal())]
        if reasons:
            raise UserError(
                self.env._("You cannot approve or reject:\n%(reasons)s", reasons="\n".join(reasons))
            )

    def _promujer_create_entries(self, vals_list):
        """Create and post the journal entries of `vals_list` as superuser, deliberately:
        staff who are not accountants book through the actions, after their checks.
        Returns the entries in the user's environment."""
        moves = self.env["account.move"].sudo().create(vals_list)
        moves.action_post()
        return moves.sudo(False)

    def _promujer_book_entries(self, vals_list=None):
        """Create and post one entry per record from `vals_list` (by default each
        record's `_prepare_move_vals()`; None for a record with nothing to book) and mark
        the records posted with their entry (`_promujer_create_entries`). Returns the
        entries."""
        if vals_list is None:
            vals_list = [record.sudo()._prepare_move_vals() for record in self]
        booking = [(record, vals) for record, vals in zip(self, vals_list, strict=True) if vals]
        moves = self._promujer_create_entries([vals for _record, vals in booking])
        entries = {record: move for (record, _vals), move in zip(booking, moves, strict=True)}
        for record in self:
            move = entries.get(record, moves.browse())
            record._promujer_write({"state": "posted", "move_id": move.id})
        return moves

    def _promujer_entry_problem(self, move, reversal=None):
        """Why `move` cannot be reversed as this record's entry: it was not booked by
        this record (a tampered link), or it is no longer posted, or it was reversed
        (by another entry than this record's own `reversal`, if given). False if it can."""
        self.ensure_one()
        if not move:
            return False
        entry = move.sudo()
        if (entry.promujer_origin_model, entry.promujer_origin_id) != (self._name, self.id):
            return self.env._(
                "the journal entry %(move)s was not booked by %(record)s: its link was "
                "changed; ask a credit administrator to run the ledger tie-out",
                move=entry.name,
                record=self.display_name,
            )
        reversals = reversal.sudo() if reversal is not None else entry.browse()
        if entry.state != "posted" or entry.reversal_move_ids != reversals:
            return self.env._(
                "the journal entry %(move)s is not posted or was already reversed",
                move=entry.name,
            )
        return False

    def _promujer_reverse_entries(self, moves, date=None):
        """Reverse this record's own posted entries (as superuser, after the action's
        checks), dated `date` (today by default); the reversals point back to it too."""
        self.ensure_one()
        moves = moves.sudo()
        date = date or fields.Date.context_today(self)
        return moves._reverse_moves(
            [
                {
                    "date": date,
                    "ref": self.env._("Cancellation of %(ref)s", ref=move.ref or move.name),
                    **self.env["account.move"]._promujer_origin_vals(self),
                }
                for move in moves
            ],
            cancel=True,
        )

    def _promujer_post(self, body, **kwargs):
        """Log what an action did in the chatter, the user as author. Posted in superuser
        mode: the action was checked, and a reader who may act (a branch manager on a
        proposal) need not have write access; works for users without an e-mail address
        (Odoo's message_post refuses them)."""
        user = self.env.user
        kwargs.setdefault("author_id", user.partner_id.id)
        kwargs.setdefault("email_from", user.email_formatted or user.name)
        kwargs.setdefault("subtype_xmlid", "mail.mt_note")
        for record in self.sudo():
            record.message_post(body=body, **kwargs)
