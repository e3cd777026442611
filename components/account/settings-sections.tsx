"use client";

import { useState } from "react";
import type { AdminUser, ApiKey, Budget, UserLimits } from "@/components/api/account";
import { ApiKeysSection } from "./api-keys-section";
import { LimitsSection } from "./limits-section";
import { PeopleSection, type LimitDefaults } from "./people-section";

/** The settings page's sections; an administrator's edit of their own limits refreshes "Limits". */
export function SettingsSections(props: {
  userId: string;
  keys: ApiKey[];
  budget: Budget;
  limits: UserLimits;
  people: AdminUser[] | null;
  defaults: LimitDefaults;
}) {
  const [limitsVersion, setLimitsVersion] = useState(0);
  return (
    <div className="flex flex-col gap-6">
      <LimitsSection initialBudget={props.budget} initialLimits={props.limits} refreshKey={limitsVersion} />
      <ApiKeysSection initialKeys={props.keys} />
      {props.people && (
        <PeopleSection
          initialPeople={props.people}
          defaults={props.defaults}
          currentUserId={props.userId}
          onChanged={(user) => user.id === props.userId && setLimitsVersion((v) => v + 1)}
        />
      )}
    </div>
  );
}
