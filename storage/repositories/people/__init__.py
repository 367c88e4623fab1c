"""People and what they belong to: finding and adding them, what a message needs about its
sender, memberships, what is held about them, and forgetting them."""

from storage.repositories.people.arrival import Arrival, ProjectName, arrival
from storage.repositories.people.erasure import Erasure, delete_person, references_to_people
from storage.repositories.people.held import Held, held_about
from storage.repositories.people.lookup import (
    add_person,
    person_by_pseudonym,
    person_by_telegram_id,
    pseudonym_retired,
    pseudonym_taken,
)
from storage.repositories.people.memberships import (
    TeamMember,
    add_membership,
    first_project_id,
    memberships,
    remove_memberships,
    team_members,
    team_roles,
)

__all__ = [
    "Arrival",
    "Erasure",
    "Held",
    "ProjectName",
    "TeamMember",
    "add_membership",
    "add_person",
    "arrival",
    "delete_person",
    "first_project_id",
    "held_about",
    "memberships",
    "person_by_pseudonym",
    "person_by_telegram_id",
    "pseudonym_retired",
    "pseudonym_taken",
    "references_to_people",
    "remove_memberships",
    "team_members",
    "team_roles",
]
