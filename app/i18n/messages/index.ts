/**
 * Every user-facing string lives in a namespace file here. To add a
 * namespace: create `messages/<ns>.ts` with `defineMessages`, then add it below.
 */
import common from "./common";
import auth from "./auth";
import enums from "./enums";
import table from "./table";
import org from "./org";
import strategy from "./strategy";
import home from "./home";
import admin from "./admin";
import register from "./register";
import projects from "./projects";
import plans from "./plans";
import money from "./money";
import budget from "./budget";
import indicators from "./indicators";
import milestones from "./milestones";
import transactions from "./transactions";
import finance from "./finance";
import flags from "./flags";
import apps from "./apps";
import dataRegister from "./dataRegister";
import dashboard from "./dashboard";
import api from "./api";
import iati from "./iati";
import similar from "./similar";
import feedback from "./feedback";
import publicPortal from "./public";
import imports from "./imports";
import account from "./account";

export const namespaces = { account, common, auth, enums, table, org, strategy, home, admin, register, projects, plans, money, budget, finance, transactions, milestones, indicators, flags, dashboard, api, iati, similar, imports, feedback, public: publicPortal, apps, dataRegister };
