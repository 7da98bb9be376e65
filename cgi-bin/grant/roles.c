/* roles.c — the roles of the platform: the names kept in user_roles.role,
 * in the order of their bits (enum gr_role), what the role is called in
 * Russian, and its cabinet's title. */
#include "grant.h"

const char *const gr_role_names[] = {"applicant", "expert", "staff", "secretary", "admin", NULL};
const char *const gr_role_titles[] = {"Кабинет НКО", "Кабинет эксперта", "Кабинет сотрудника",
                                      "Кабинет секретаря комиссии", "Администрирование", NULL};
const char *const gr_role_labels[] = {"Представитель НКО", "Эксперт", "Сотрудник",
                                      "Секретарь комиссии", "Администратор", NULL};
