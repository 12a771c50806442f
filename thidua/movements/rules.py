import rules

from thidua.org.rules import has_any_role, is_admin, is_secretariat, is_unit_head

reads_movements = has_any_role
manages_movements = is_admin | is_secretariat
records_dissemination = is_admin | is_secretariat | is_unit_head

rules.add_perm("movements.view_movement", reads_movements)
rules.add_perm("movements.change_movement", manages_movements)
rules.add_perm("movements.add_dissemination", records_dissemination)
