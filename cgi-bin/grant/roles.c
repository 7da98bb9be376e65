/* roles.c — the roles of the platform: the names kept in user_roles.role,
 * in the order of their bits (enum gr_role), and their cabinets' titles. */
#include "grant.h"

const char *const gr_role_names[] = {"applicant", "expert", "staff", "secretary", "admin", NULL};
const char *const gr_role_titles[] = {"Кабинет НКО", "Кабинет эксперта", "Кабинет сотрудника",
                                      "Кабинет секретаря комиссии", "Администрирование", NULL};
