# nothing at the top, a service in backend/: found one folder down, COPY paths rebased
args: recommend --format dockerfile $FIX/projects/monorepo
exit: 0
stdout-contains: COPY backend/requirements.txt ./
stdout-contains: COPY backend .
