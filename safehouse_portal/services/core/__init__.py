"""What every area's services share: who acts, refusals, the audit trail, the access policy, validation, files and the calendar."""
