from .comments import CommentToken, CommentWindow, PublicComment
from .council import AgendaItem, Ballot, CouncilSession, Recusal, SessionMember, Vote
from .decisions import (
    Award,
    Decision,
    DecisionLine,
    DocumentRegister,
    HigherDecision,
    HonourRollCount,
    Proposal,
    ProposalItem,
    Revocation,
    SignedFile,
    SigningIdentity,
)
from .history import AwardImport
from .inputs import Discipline, Initiative, Inquiry, Rating, RatingImport
from .law import BaseSalary, DossierRule, FormRule, LegalBasis, LegalRegime, Rounding
from .nominations import DossierFile, Evaluation, MeetingVote, Nomination, NominationStep, ReviewMeeting
from .rounds import ReviewRound, RoundForm, RoundReminder, UnitQuota

__all__ = [
    "AgendaItem", "Award", "CommentToken", "CommentWindow", "PublicComment", "AwardImport", "Ballot", "BaseSalary", "CouncilSession", "Decision", "DecisionLine", "Discipline",
    "DocumentRegister", "DossierFile", "DossierRule", "Evaluation", "HigherDecision", "HonourRollCount", "Proposal", "ProposalItem",
    "SignedFile", "SigningIdentity",
    "FormRule", "Initiative", "Inquiry", "LegalBasis", "LegalRegime", "MeetingVote", "Nomination", "NominationStep",
    "Rating", "RatingImport", "Recusal", "Revocation", "ReviewMeeting", "ReviewRound", "RoundForm", "RoundReminder", "Rounding",
    "SessionMember", "UnitQuota", "Vote",
]
